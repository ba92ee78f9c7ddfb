import { expectAccessible, shot } from '../web/fixtures.js';
import { expect, test } from './fixtures.js';
import { heading, typeLogin, wipeDone, wipesDone } from '../../support/kiosk-host/kiosk-flows.js';

test.describe('offline (issue 13 item 5)', () => {
  test("R-KIOSK-4: the service stops answering → 「ただいまご利用いただけません」, retried by itself → the visitor's screen back as it was, what they typed kept (issue 21); the heartbeat reports the time offline (docs/screens/51)", async ({
    proxiedKiosk: { k, proxy },
    service,
    employer,
  }) => {
    const page = k.page();

    proxy.down('503');
    await typeLogin(page, employer.id, employer.password);
    await expect(heading(page, 'ただいまご利用いただけません')).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('係員にお知らせください');
    await expectAccessible(page);
    await shot(page, '51-kiosk-offline');

    // Still down (now no answer at all): the retries go on, the screen stays.
    proxy.down('reset');
    k.clock.advance(10_000);
    await expect(heading(page, 'ただいまご利用いただけません')).toBeVisible();
    expect(k.core.offline.offline).toBe(true);

    proxy.up();
    const wipes = wipesDone(k);
    k.clock.advance(60_000); // the back-off is capped at 60 s
    await k.until(() => !k.core.offline.offline);
    // Coming back is no wipe (issue 21): the same page, the form as the visitor left it.
    await expect(heading(page, '求人者マイページログイン')).toBeVisible();
    expect(k.page()).toBe(page);
    expect(wipesDone(k)).toBe(wipes);
    await expect(page.getByLabel('ID（メールアドレス）')).toHaveValue(employer.id);
    await expect(page.locator('#login-password')).toHaveValue(employer.password);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();

    // The next heartbeat carries how long it was offline; the service records it for IT.
    expect(k.core.offline.pendingOfflineMs()).toBeGreaterThan(10_000);
    k.clock.advance(5 * 60_000);
    await k.core.heartbeat.beaten(); // the beat that the clock started has been answered
    expect(k.core.offline.pendingOfflineMs()).toBe(0);
    const rows = await service.db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'kiosk.offline_reported')
      .execute();
    expect(rows).toHaveLength(1);
  });

  test('R-KIOSK-4: an offline spell ends no visit, the idle wipe still does: the visitor walks away offline, the wipe clears what they typed and the next page says offline until the service answers', async ({
    proxiedKiosk: { k, proxy },
    employer,
  }) => {
    const page = k.page();

    proxy.down('reset');
    await typeLogin(page, employer.id, employer.password);
    await expect(heading(page, 'ただいまご利用いただけません')).toBeVisible();
    await k.until(() => k.core.idle.state.phase === 'active');
    const wipes = wipesDone(k);
    k.clock.advance(120_000); // nobody comes back: the idle wipe
    await wipeDone(k, wipes + 1);
    const fresh = k.page();
    expect(fresh).not.toBe(page);
    await expect(heading(fresh, 'ただいまご利用いただけません')).toBeVisible();

    proxy.up();
    k.clock.advance(60_000);
    await k.until(() => !k.core.offline.offline);
    await expect(heading(fresh, '求人者マイページログイン')).toBeVisible();
    await expect(fresh.getByLabel('ID（メールアドレス）')).toHaveValue('');
    await expect(fresh.locator('#login-password')).toHaveValue('');
  });
});
