import { recordAudit } from '../../../src-server/audit/audit.repository.js';
import { enrollKiosk } from '../../server/kiosk/kiosk-helpers.js';
import { OFFICE, OTHER_OFFICE, expect, expectAccessible, heading, shot, staffConsole, test } from './fixtures.js';

test("端末一覧: every office's terminals with their state; sortable by a heading, filterable by office", async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  await enrollKiosk(service, { office: OFFICE, label: '受付横 1' });
  service.clock.advance(11 * 60_000); // no heartbeat for 10 minutes: 応答なし
  await enrollKiosk(service, { office: OTHER_OFFICE, label: '受付横 2' });
  await enrollKiosk(service, { office: OTHER_OFFICE, label: '相談窓口' });

  await staffConsole(page, service, 'it');
  const table = page.getByRole('table', { name: '端末一覧' });
  await expect(table.getByRole('row')).toHaveCount(4);
  for (const column of [
    '安定所',
    '端末名',
    'バージョン',
    '登録日時',
    '最終応答',
    '最終画面表示',
    '認証失敗（24時間）',
    '状態',
  ]) {
    await expect(table.getByRole('columnheader', { name: column })).toBeVisible();
  }
  await expect(table.getByRole('row').filter({ hasText: '受付横 1' })).toContainText('応答なし');
  await expect(table.getByRole('row').filter({ hasText: '相談窓口' })).toContainText('正常');
  await expectAccessible(page);
  await shot(page, '80-staff-kiosks');

  await table.getByRole('button', { name: '端末名' }).click();
  await expect(table.getByRole('columnheader', { name: '端末名' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('rowheader')).toHaveText(['受付横 1', '受付横 2', '相談窓口']);
  await table.getByRole('button', { name: '端末名' }).click();
  await expect(table.getByRole('columnheader', { name: '端末名' })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('rowheader')).toHaveText(['相談窓口', '受付横 2', '受付横 1']);

  await page.getByLabel('安定所で絞り込む').selectOption(OTHER_OFFICE);
  await expect(table.getByRole('rowheader')).toHaveText(['相談窓口', '受付横 2']);
  await expect(page.getByText('3台中 2台を表示')).toBeVisible();
});

test('失効させる asks for confirmation (キャンセル keeps it), then the passkey; the terminal shows 失効 and its next call is refused', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const kiosk = await enrollKiosk(service, { office: OFFICE, label: '受付横 1' });
  await staffConsole(page, service, 'it');
  const row = page.getByRole('table', { name: '端末一覧' }).getByRole('row').filter({ hasText: '受付横 1' });
  await expect(row).toContainText('正常');

  await row.getByRole('button', { name: '受付横 1を失効させる' }).click();
  const dialog = page.getByRole('dialog', { name: '端末を失効させますか' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('利用中の求人者はログアウトされます');
  await expectAccessible(page);
  await shot(page, '81-staff-revoke-confirm');
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('正常');

  await row.getByRole('button', { name: '受付横 1を失効させる' }).click();
  await page.getByRole('dialog', { name: '端末を失効させますか' }).getByRole('button', { name: '失効させる' }).click();
  await expect(page.getByText('「受付横 1」を失効させました。')).toBeVisible();
  await expect(row).toContainText('失効');
  await expect(row.getByRole('button', { name: '受付横 1を失効させる' })).toHaveCount(0);
  const nonce = await fetch(`${service.url}/api/v1/kiosk/nonce`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminalId: kiosk.terminalId }),
  });
  expect(nonce.status).not.toBe(200);
});

test('登録コードを発行: office and label, the passkey again, then the code in large type with its expiry; missing input is named', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  await enrollKiosk(service, { office: OFFICE, label: '受付横 1' });
  await staffConsole(page, service, 'it');
  await page
    .getByRole('navigation', { name: '職員メニュー' })
    .getByRole('button', { name: '登録コードを発行' })
    .click();
  await expect(heading(page, '登録コードを発行')).toBeVisible();
  await page.getByRole('main').getByRole('button', { name: '登録コードを発行' }).click();
  await expect(page.getByText('「安定所」を選択してください。').first()).toBeVisible();
  await expect(page.getByText('「端末名」を入力してください。').first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('安定所').selectOption(OFFICE);
  await page.getByLabel('端末名').fill('受付横 2');
  await page.getByRole('main').getByRole('button', { name: '登録コードを発行' }).click();
  await expect(page.getByRole('heading', { name: '登録コード', exact: true })).toBeVisible();
  await expect(page.getByText(/^有効期限：.+まで。1回だけ使えます。$/)).toBeVisible();
  await expect(page.locator('.big-code')).toHaveText(/\S{6,}/);
  await expectAccessible(page);
  await shot(page, '82-staff-enrollment-code');
});

test('監査ログ lists what staff did, naming them, in plain Japanese', async ({ page, service, authenticator }) => {
  expect(authenticator).toBeTruthy();
  await enrollKiosk(service, { office: OFFICE, label: '受付横 1' });
  await staffConsole(page, service, 'it');
  await page
    .getByRole('navigation', { name: '職員メニュー' })
    .getByRole('button', { name: '登録コードを発行' })
    .click();
  await page.getByLabel('安定所').selectOption(OFFICE);
  await page.getByLabel('端末名').fill('受付横 3');
  await page.getByRole('main').getByRole('button', { name: '登録コードを発行' }).click();
  await expect(page.getByRole('heading', { name: '登録コード', exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: '職員メニュー' }).getByRole('button', { name: '監査ログ' }).click();
  await expect(heading(page, '監査ログ')).toBeVisible();
  const log = page.getByRole('table', { name: '監査ログ' });
  // The staff member's own row (the terminal's code itself is a row too, naming no one).
  await expect(log.getByRole('row').filter({ hasText: '受付横 3' }).filter({ hasText: '情報 花子' })).toContainText(
    '登録コードの発行',
  );
  await expect(log).toContainText('職員ログイン');
  await expectAccessible(page);
  await shot(page, '83-staff-audit-log');
});

test('監査ログ pages with さらに表示: older entries follow, none repeated, none skipped (even in one millisecond)', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  for (let i = 0; i < 60; i++)
    await recordAudit(service.db, service.clock, {
      type: 'kiosk.code_issued',
      detail: { office: OFFICE, label: `端末 ${String(i).padStart(2, '0')}` },
    });
  await staffConsole(page, service, 'it');
  await page.getByRole('navigation', { name: '職員メニュー' }).getByRole('button', { name: '監査ログ' }).click();
  const rows = page.getByRole('table', { name: '監査ログ' }).getByRole('row');
  await expect(rows).toHaveCount(51); // the heading row and a page of 50
  await page.getByRole('button', { name: 'さらに表示' }).click();
  await expect(page.getByRole('button', { name: 'さらに表示' })).toHaveCount(0);
  const labels = (await rows.allInnerTexts()).flatMap((t) => /端末 (\d\d)/.exec(t)?.[1] ?? []);
  expect(new Set(labels).size).toBe(60);
  expect(labels).toHaveLength(60);
});
