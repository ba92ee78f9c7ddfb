import { expect, test } from './fixtures.js';
import { heading, leaveTraces, traces, wipeDone } from '../../support/kiosk-host/kiosk-flows.js';
import { api } from '../../../src-shared/api/routes.js';

test.describe('idle timeout and wipe (R-KIOSK-4, R-OTP-6)', () => {
  test('R-KIOSK-3, R-KIOSK-4: idle → countdown → wipe; the page made ahead on a new partition is shown, the old partition is dropped; no cookie, no storage, empty fields, the old token gets 401', async ({
    signedInKiosk: { k, page, token },
    service,
  }) => {
    await leaveTraces(page);
    expect((await traces(page)).local).toBe(1);
    // The next visitor's login page is already loaded, on a partition of its own (made again after
    // 端末登録: the first one was made for a terminal not yet enrolled, and is replaced, not kept).
    await k.nextPageSettled();
    expect(k.partitions()).toHaveLength(2);
    const [visitorPartition, nextPartition] = k.partitions() as [string, string];
    expect([visitorPartition, nextPartition]).toEqual([
      expect.stringMatching(/^kiosk-visitor-\d+$/),
      expect.stringMatching(/^kiosk-visitor-\d+$/),
    ]);
    const oldContext = k.contextOf(visitorPartition)!;
    expect((await oldContext.cookies()).length).toBe(1);
    expect(k.contextOf(nextPartition)!.pages()).toHaveLength(1);
    const ready = k.contextOf(nextPartition)!.pages()[0]!;
    await expect(ready.getByRole('heading', { level: 1, name: '求人者マイページログイン' })).toBeVisible();

    // 90 s idle: the overlay counts down from 30 s.
    k.clock.advance(90_000);
    const overlay = page.getByRole('alertdialog', { name: 'まもなく自動的にログアウトします' });
    await expect(overlay).toContainText('あと 30 秒');
    k.clock.advance(10_000);
    await expect(overlay).toContainText('あと 20 秒');

    // 20 more seconds: the session ends at the service and every trace is wiped.
    k.clock.advance(20_000);
    await wipeDone(k, 2);
    const fresh = k.page();
    expect(fresh).toBe(ready); // shown, not loaded now
    expect(page.isClosed()).toBe(true);
    await k.dropped(visitorPartition); // cleared, then dropped behind the report
    expect(k.partitions()).not.toContain(visitorPartition);
    await expect(oldContext.newPage()).rejects.toThrow(); // the old partition is gone
    await expect(heading(fresh, '求人者マイページログイン')).toBeVisible();
    await expect(fresh.getByLabel('ID（メールアドレス）')).toHaveValue('');
    await expect(fresh.locator('#login-password')).toHaveValue('');
    expect(await fresh.context().cookies()).toEqual([]);
    expect(await traces(fresh)).toEqual({ cookie: '', local: 0, session: 0, idb: [], caches: [] });
    expect(k.core.session.credential).toBeUndefined();
    expect(k.restarts).toEqual([]);

    const old = await fetch(`${service.url}${api.home.path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(old.status).toBe(401);
  });

  test('R-KIOSK-4: 「延長する」 in the warning extends the session', async ({ signedInKiosk: { k, page } }) => {
    k.clock.advance(100_000);
    const overlay = page.getByRole('alertdialog', { name: 'まもなく自動的にログアウトします' });
    await expect(overlay).toContainText('あと 20 秒');
    await overlay.getByRole('button', { name: '延長する' }).click();
    await expect(overlay).toHaveCount(0);
    await k.until(() => k.core.idle.state.phase === 'active');

    k.clock.advance(60_000); // well past the first deadline
    expect(k.core.session.credential).toBeDefined();
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();
    expect(page.isClosed()).toBe(false);
  });

  test('R-KIOSK-4: what a visitor typed but never sent is gone after the idle wipe', async ({
    enrolledKiosk: k,
    employer,
  }) => {
    const page = k.page();
    await page.getByLabel('ID（メールアドレス）').fill(employer.id);
    await page.locator('#login-password').fill('half-typed');
    await k.until(() => k.core.idle.state.phase === 'active'); // the typing reached main's idle guard
    k.clock.advance(120_000);
    await wipeDone(k, 2);
    const fresh = k.page();
    await expect(fresh.getByLabel('ID（メールアドレス）')).toHaveValue('');
    await expect(fresh.locator('#login-password')).toHaveValue('');
  });

  test('R-KIOSK-4: ログアウト ends the session at the service and wipes the page the same way', async ({
    signedInKiosk: { k, page, token },
    service,
  }) => {
    await page.getByRole('button', { name: 'ログアウト' }).first().click();
    await wipeDone(k, 2);
    await expect(heading(k.page(), '求人者マイページログイン')).toBeVisible();
    expect(
      (await fetch(`${service.url}${api.home.path}`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
  });

  test('R-KIOSK-4: the overlay speaks the language the visitor chose, and the next visitor starts in Japanese', async ({
    enrolledKiosk: k,
  }) => {
    const page = k.page();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('求人者マイページログイン');
    await k.until(() => k.core.idle.state.phase === 'active');
    k.clock.advance(90_000);
    await expect(page.getByRole('alertdialog', { name: 'You will be logged out soon' })).toContainText('in 30 seconds');
    k.clock.advance(30_000);
    await wipeDone(k, 2);
    await expect(heading(k.page(), '求人者マイページログイン')).toBeVisible();
  });
});
