import { expectAccessible, shot } from '../web/fixtures.js';
import { expect, test } from './fixtures.js';
import { issueEnrollmentCode } from '../../support/kiosk-host/kiosk-admin.js';
import { heading, typeLogin, wipeDone } from '../../support/kiosk-host/kiosk-flows.js';
import { startSwitchableProxy } from './switchable-proxy.js';

test.describe('offline (issue 13 item 5)', () => {
  test('R-KIOSK-4: the service stops answering → 「ただいまご利用いただけません」, retried by itself → back to a fresh login form; the heartbeat reports the time offline (docs/screens/51)', async ({
    kiosk,
    service,
    employer,
  }) => {
    const proxy = await startSwitchableProxy(service.url);
    try {
      const k = await kiosk();
      let page = k.page();
      await expect(heading(page, '端末登録')).toBeVisible();
      await page.getByLabel('サービスのURL').fill(proxy.url);
      await page.getByLabel('登録コード').fill(await issueEnrollmentCode(service));
      await page.getByRole('button', { name: '登録する' }).click();
      await expect(heading(page, '求人者マイページログイン')).toBeVisible();

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
      const wipes = k.logLines.filter((l) => l.startsWith('info wipe: done')).length;
      k.clock.advance(60_000); // the back-off is capped at 60 s
      await wipeDone(k, wipes + 1);
      await k.until(() => !k.core.offline.offline);
      page = k.page(); // the page the wipe showed
      await expect(heading(page, '求人者マイページログイン')).toBeVisible();
      await expect(page.getByLabel('ID（メールアドレス）')).toHaveValue('');
      await typeLogin(page, employer.id, employer.password);
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
    } finally {
      await proxy.close();
    }
  });
});
