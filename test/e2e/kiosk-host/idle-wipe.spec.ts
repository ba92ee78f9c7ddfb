import { expect, test } from './fixtures.js';
import { enrollThroughScreen, heading, leaveTraces, traces, typeLogin, wipeDone } from './kiosk-flows.js';

test.describe('idle timeout and wipe (R-KIOSK-4, R-OTP-6)', () => {
  test('R-KIOSK-4: idle → countdown → wipe; then no cookie, no storage, empty fields, and the old token gets 401', async ({ kiosk, service, employer, context }) => {
    const k = await kiosk();
    await enrollThroughScreen(k, service);
    await wipeDone(k, 1); // the start-up wipe
    const page = k.page();
    await typeLogin(page, employer.id, employer.password);
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();
    const credential = k.core.session.credential;
    const token = credential?.kind === 'bearer' ? credential.token : 'missing';
    await leaveTraces(page);
    expect((await traces(page)).local).toBe(1);

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
    expect(fresh).not.toBe(page);
    expect(page.isClosed()).toBe(true);
    await expect(heading(fresh, '求人者マイページログイン')).toBeVisible();
    await expect(fresh.getByLabel('ID（メールアドレス）')).toHaveValue('');
    await expect(fresh.locator('#login-password')).toHaveValue('');
    expect(await context.cookies()).toEqual([]);
    expect(await traces(fresh)).toEqual({ cookie: '', local: 0, session: 0, idb: [], caches: [] });
    expect(k.core.session.credential).toBeUndefined();
    expect(k.restarts).toEqual([]);

    const old = await fetch(`${service.url}/api/v1/home`, { headers: { authorization: `Bearer ${token}` } });
    expect(old.status).toBe(401);
  });

  test('R-KIOSK-4: 「延長する」 in the warning extends the session', async ({ kiosk, service, employer }) => {
    const k = await kiosk();
    await enrollThroughScreen(k, service);
    const page = k.page();
    await typeLogin(page, employer.id, employer.password);
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();

    k.clock.advance(100_000);
    const overlay = page.getByRole('alertdialog', { name: 'まもなく自動的にログアウトします' });
    await expect(overlay).toContainText('あと 20 秒');
    await overlay.getByRole('button', { name: '延長する' }).click();
    await expect(overlay).toHaveCount(0);
    await expect.poll(() => k.core.idle.state.phase).toBe('active');

    k.clock.advance(60_000); // well past the first deadline
    expect(k.core.session.credential).toBeDefined();
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();
    expect(page.isClosed()).toBe(false);
  });

  test('R-KIOSK-4: what a visitor typed but never sent is gone after the idle wipe', async ({ kiosk, service, employer }) => {
    const k = await kiosk();
    await enrollThroughScreen(k, service);
    await wipeDone(k, 1);
    const page = k.page();
    await page.getByLabel('ID（メールアドレス）').fill(employer.id);
    await page.locator('#login-password').fill('half-typed');
    await expect.poll(() => k.core.idle.state.phase).toBe('active'); // the typing reached main's idle guard
    k.clock.advance(120_000);
    await wipeDone(k, 2);
    const fresh = k.page();
    await expect(fresh.getByLabel('ID（メールアドレス）')).toHaveValue('');
    await expect(fresh.locator('#login-password')).toHaveValue('');
  });

  test('R-KIOSK-4: ログアウト ends the session at the service and wipes the page the same way', async ({ kiosk, service, employer }) => {
    const k = await kiosk();
    await enrollThroughScreen(k, service);
    await wipeDone(k, 1);
    const page = k.page();
    await typeLogin(page, employer.id, employer.password);
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();
    const credential = k.core.session.credential;
    const token = credential?.kind === 'bearer' ? credential.token : 'missing';
    await page.getByRole('button', { name: 'ログアウト' }).first().click();
    await wipeDone(k, 2);
    await expect(heading(k.page(), '求人者マイページログイン')).toBeVisible();
    expect((await fetch(`${service.url}/api/v1/home`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  test('R-KIOSK-4: the overlay speaks the language the visitor chose, and the next visitor starts in Japanese', async ({ kiosk, service }) => {
    const k = await kiosk();
    await enrollThroughScreen(k, service);
    await wipeDone(k, 1);
    const page = k.page();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('求人者マイページログイン');
    await expect.poll(() => k.core.idle.state.phase).toBe('active');
    k.clock.advance(90_000);
    await expect(page.getByRole('alertdialog', { name: 'You will be logged out soon' })).toContainText('in 30 seconds');
    k.clock.advance(30_000);
    await wipeDone(k, 2);
    await expect(heading(k.page(), '求人者マイページログイン')).toBeVisible();
  });
});
