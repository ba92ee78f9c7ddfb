import { api } from '../../../src-shared/api/routes.js';
import { createClient } from '../../support/http-client.js';
import { enrollKiosk, fetchNonce, signFor, type FakeKiosk } from '../../server/kiosk/kiosk-helpers.js';
import { OFFICE, OTHER_OFFICE, expect, expectAccessible, heading, shot, staffConsole, test } from './fixtures.js';
import type { StaffService } from './fixtures.js';

/** A signed heartbeat reporting `version` (what the kiosk sends every 5 minutes). */
async function heartbeat(service: StaffService, k: FakeKiosk, version: string): Promise<number> {
  const nonce = await fetchNonce(service, k.terminalId);
  const r = await createClient(service.url).post(api.kioskHeartbeat.path, {
    terminalId: k.terminalId,
    version,
    nonce,
    signature: signFor(k, nonce, { purpose: 'heartbeat' }),
  });
  return r.status;
}

test('R-FLEET-1: 最低バージョン refuses what is not semver, asks for the passkey, and 端末一覧 flags 要更新', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const old = await enrollKiosk(service, { office: OFFICE, label: '受付横 1' });
  const current = await enrollKiosk(service, { office: OFFICE, label: '受付横 2' });
  expect(await heartbeat(service, old, '1.9.3')).toBe(204);
  expect(await heartbeat(service, current, '2.1.0')).toBe(204);

  await staffConsole(page, service, 'it');
  const panel = page.getByRole('region', { name: '最低バージョン' });
  await expect(panel).toContainText('適用中の最低バージョン');
  const field = panel.getByLabel('新しい最低バージョン');
  await field.fill('v2.0');
  await panel.getByRole('button', { name: '最低バージョンを設定' }).click();
  // said at the field (and in the summary above the form)
  await expect(field).toHaveAccessibleDescription(/数字3つをピリオドで区切った形式/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await field.fill('2.0.0');
  await panel.getByRole('button', { name: '最低バージョンを設定' }).click();
  await expect(page.getByText('最低バージョンを 2.0.0 に設定しました。')).toBeVisible();
  await expect(page.getByTestId('minimum-effective')).toHaveText('2.0.0');
  const table = page.getByRole('table', { name: '端末一覧' });
  await expect(table.getByRole('row').filter({ hasText: '受付横 1' })).toContainText('要更新');
  await expect(table.getByRole('row').filter({ hasText: '受付横 2' })).not.toContainText('要更新');
  await table.getByRole('button', { name: '受付横 1の詳細と操作' }).click();
  await expect(table).toContainText('最低バージョン 2.0.0 より古いため、ログインできません');
  await expectAccessible(page);
  await shot(page, '88-staff-minimum-version');

  // the service refuses the old build from now on, and the audit log says who raised it
  expect(await heartbeat(service, old, '1.9.3')).toBe(403);
  await page.getByRole('navigation').getByRole('button', { name: '監査ログ' }).click();
  await expect(heading(page, '監査ログ')).toBeVisible();
  await expect(page.getByRole('table')).toContainText('端末の最低バージョンの変更');
});

test('R-FLEET-2: office staff see their own office’s 端末一覧, read only, with 応答なし', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const silent = await enrollKiosk(service, { office: OFFICE, label: '受付横 1' });
  service.clock.advance(11 * 60_000); // no heartbeat for 10 minutes: 応答なし
  const beating = await enrollKiosk(service, { office: OFFICE, label: '相談窓口' });
  await enrollKiosk(service, { office: OTHER_OFFICE, label: '他の安定所の端末' });
  expect(await heartbeat(service, beating, '1.0.0')).toBe(204);
  expect(silent.terminalId).toBeTruthy();

  await staffConsole(page, service, 'office');
  await page.getByRole('navigation').getByRole('button', { name: '端末一覧' }).click();
  await expect(heading(page, '端末一覧')).toBeVisible();
  await expect(page.getByText('この安定所の端末の状態です（閲覧のみ）')).toBeVisible();
  const table = page.getByRole('table', { name: '端末一覧' });
  await expect(table.getByRole('rowheader')).toHaveText(['受付横 1', '相談窓口']);
  await expect(table.getByRole('row').filter({ hasText: '受付横 1' })).toContainText('応答なし');
  await expect(table).not.toContainText('他の安定所の端末');
  await expect(page.getByRole('region', { name: '最低バージョン' })).toHaveCount(0);
  await expect(page.getByLabel('安定所で絞り込む')).toHaveCount(0);
  await table.getByRole('button', { name: '相談窓口の詳細と操作' }).click();
  await expect(page.getByRole('button', { name: '相談窓口を失効させる' })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, '89-staff-kiosks-office');
});
