import { createHash } from 'node:crypto';
import { api } from '../../../src-shared/api/routes.js';
import { createClient } from '../../support/http-client.js';
import { enrollKiosk, fetchNonce, signFor } from '../../server/kiosk/kiosk-helpers.js';
import { OFFICE, expect, expectAccessible, expectNoSidewaysScroll, shot, staffConsole, test } from './fixtures.js';

const at = (ms: number) => new Date(ms).toISOString();

test("R-DIAG-1: 診断情報 in a terminal's 詳細: 診断情報を取得 with the passkey, then the bundle the terminal sent, as text", async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const kiosk = await enrollKiosk(service, { office: OFFICE, label: '受付横 1' });
  await staffConsole(page, service, 'it');
  const table = page.getByRole('table', { name: '端末一覧' });
  await table.getByRole('button', { name: '受付横 1の詳細と操作' }).click();
  const panel = page.getByRole('region', { name: '診断情報' });
  await expect(panel).toContainText('この端末の診断情報はありません。');

  await panel.getByRole('button', { name: '受付横 1の診断情報を取得' }).click();
  await expect(page.getByText('「受付横 1」に診断情報を求めました。')).toBeVisible();
  await expect(panel).toContainText('に取得を依頼しました。');

  // The terminal's next heartbeat is told, and it uploads (as src-main/core/diagnostics does).
  const beat = async () => {
    const nonce = await fetchNonce(service, kiosk.terminalId);
    const signature = signFor(kiosk, nonce, { purpose: 'heartbeat' });
    return createClient(service.url).post(api.kioskHeartbeat.path, {
      terminalId: kiosk.terminalId,
      version: '1.4.0',
      nonce,
      signature,
    });
  };
  expect((await beat()).body).toEqual({ diagnosticsRequested: true });
  const now = service.clock.now().getTime();
  const bundle = JSON.stringify({
    collectedAt: at(now),
    version: '1.4.0',
    policy: { serviceUrl: 'https://mypage.example.jp', idleTimeoutSeconds: 120, restartAtHour: 4 },
    fromPolicy: ['serviceUrl'],
    log: [
      { at: at(now - 120_000), level: 'info', msg: 'wipe: done', data: { reason: 'idle' } },
      { at: at(now - 60_000), level: 'warn', msg: 'heartbeat: the service is unreachable' },
      {
        at: at(now - 30_000),
        level: 'error',
        msg: '<img src=x onerror=alert(1)> login refused for visitor@example.jp',
      },
    ],
    wipes: [
      {
        at: at(now - 120_000),
        reason: 'idle',
        steps: ['logout', 'drop-token', 'verify'],
        leftovers: [],
        restarted: false,
      },
    ],
    offline: [{ from: at(now - 70_000), to: at(now - 50_000) }],
  });
  const nonce = await fetchNonce(service, kiosk.terminalId);
  const bundleSha256 = createHash('sha256').update(bundle).digest('hex');
  const upload = await createClient(service.url).post(api.kioskDiagnostics.path, {
    terminalId: kiosk.terminalId,
    nonce,
    signature: signFor(kiosk, nonce, { purpose: 'diagnostics', bundleSha256 }),
    bundle,
  });
  expect(upload.status).toBe(204);

  await panel.getByRole('button', { name: '最新の状態を表示' }).click();
  await expect(panel.locator('summary')).toHaveCount(1);
  await expect(panel.locator('summary')).toContainText('バージョン 1.4.0');
  const log = panel.getByRole('table', { name: /動作の記録/ });
  await expect(log.getByRole('columnheader', { name: '内容' })).toBeVisible();
  await expect(log.getByRole('row')).toHaveCount(4);
  // newest first; the terminal's text shown as text (no element made of it), its address removed
  await expect(log.getByRole('row').nth(1)).toContainText('エラー');
  await expect(log).toContainText('<img src=x onerror=alert(1)>');
  await expect(panel.locator('img')).toHaveCount(0);
  await expect(panel).not.toContainText('visitor@example.jp');
  await expect(panel).toContainText('（ポリシーで固定）');
  await expect(panel).toContainText('画面消去の結果');
  await expectNoSidewaysScroll(page, '端末一覧');
  await expectAccessible(page);
  await shot(page, '90-staff-kiosk-diagnostics');
});
