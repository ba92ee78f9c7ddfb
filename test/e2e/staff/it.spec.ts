import { enrollKiosk } from '../../server/kiosk/kiosk-helpers.js';
import {
  OFFICE,
  OTHER_OFFICE,
  expect,
  expectAccessible,
  expectNoSidewaysScroll,
  expectWithinWidth,
  heading,
  shot,
  staffConsole,
  test,
} from './fixtures.js';

const LONG_OFFICE = '札幌東公共職業安定所 江別出張所';
const LONG_LABEL = '2階 求人者マイページ専用コーナー 受付カウンター横 第12番端末';

test("端末一覧: every office's terminals with their state; sortable by a heading, filterable by office; fits 1280 px", async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  await enrollKiosk(service, { office: OFFICE, label: '受付横 1' });
  service.clock.advance(11 * 60_000); // no heartbeat for 10 minutes: 応答なし
  await enrollKiosk(service, { office: OTHER_OFFICE, label: '受付横 2' });
  await enrollKiosk(service, { office: OTHER_OFFICE, label: '相談窓口' });
  await enrollKiosk(service, { office: LONG_OFFICE, label: LONG_LABEL });

  await staffConsole(page, service, 'it');
  const table = page.getByRole('table', { name: '端末一覧' });
  await expect(table.getByRole('row')).toHaveCount(5);
  // 登録日時 and 最終画面表示 are in each row's 詳細, so that the table fits with room for actions
  for (const column of ['安定所', '端末名', '状態', '最終応答', '認証失敗（24時間）', 'バージョン', '詳細・操作']) {
    await expect(table.getByRole('columnheader', { name: column })).toBeVisible();
    // every column whole on a 1280 px desk: none cut at the edge (issue 21: 状態 was half cut)
    await expectWithinWidth(page, table.getByRole('columnheader', { name: column }));
  }
  await expectNoSidewaysScroll(page, '端末一覧');
  await expect(table.getByRole('row').filter({ hasText: '受付横 1' })).toContainText('応答なし');
  await expect(table.getByRole('row').filter({ hasText: '相談窓口' })).toContainText('正常');
  await expectAccessible(page);
  await shot(page, '80-staff-kiosks');

  await table.getByRole('button', { name: '端末名' }).click();
  await expect(table.getByRole('columnheader', { name: '端末名' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('rowheader')).toHaveText([LONG_LABEL, '受付横 1', '受付横 2', '相談窓口']);
  await table.getByRole('button', { name: '端末名' }).click();
  await expect(table.getByRole('columnheader', { name: '端末名' })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('rowheader')).toHaveText(['相談窓口', '受付横 2', '受付横 1', LONG_LABEL]);

  // 「並べ替え」 reaches every column, those of the details too
  await page.getByLabel('並べ替え').selectOption({ label: '登録日時（降順）' });
  await expect(table.getByRole('rowheader').first()).not.toHaveText('受付横 1'); // the oldest last
  await expect(table.getByRole('rowheader').last()).toHaveText('受付横 1');
  await table.getByRole('button', { name: '端末名' }).click();
  await expect(page.getByLabel('並べ替え')).toHaveValue('label:ascending');

  await page.getByLabel('安定所で絞り込む').selectOption(OTHER_OFFICE);
  await expect(table.getByRole('rowheader')).toHaveText(['受付横 2', '相談窓口']);
  await expect(page.getByText('4台中 2台を表示')).toBeVisible();
});

test('in a window narrower than 端末一覧, its box scrolls sideways and the keyboard reaches it (WCAG 2.1.1)', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  await enrollKiosk(service, { office: LONG_OFFICE, label: LONG_LABEL });
  await staffConsole(page, service, 'it');
  await page.setViewportSize({ width: 600, height: 900 });
  const region = page.getByRole('region', { name: '端末一覧' });
  await expect(region).toHaveAttribute('tabindex', '0');
  await page.getByLabel('並べ替え').focus();
  await page.keyboard.press('Tab');
  await expect(region).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expectAccessible(page);
  // wide again: the box no longer scrolls, and is no keyboard stop
  await page.setViewportSize({ width: 1280, height: 1024 });
  await expectNoSidewaysScroll(page, '端末一覧');
});

test("失効させる is under a terminal's 詳細: confirmation (キャンセル keeps it), then the passkey; the terminal shows 失効, nothing scrolls away", async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const kiosk = await enrollKiosk(service, { office: OFFICE, label: '受付横 1' });
  await enrollKiosk(service, { office: LONG_OFFICE, label: LONG_LABEL });
  await staffConsole(page, service, 'it');
  const table = page.getByRole('table', { name: '端末一覧' });
  const row = table.getByRole('row').filter({ hasText: '受付横 1' });
  await expect(row).toContainText('正常');

  const details = row.getByRole('button', { name: '受付横 1の詳細と操作' });
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('button', { name: '受付横 1を失効させる' })).toHaveCount(0);
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  await expect(table).toContainText(kiosk.terminalId);
  const revoke = page.getByRole('button', { name: '受付横 1を失効させる' });
  await expectWithinWidth(page, revoke);
  await expectNoSidewaysScroll(page, '端末一覧');
  await expectAccessible(page);
  await shot(page, '85-staff-kiosk-details');

  await revoke.click();
  const dialog = page.getByRole('dialog', { name: '端末を失効させますか' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('利用中の求人者はログアウトされます');
  await expectAccessible(page);
  await shot(page, '81-staff-revoke-confirm');
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(revoke).toBeFocused();
  await expect(row).toContainText('正常');

  await revoke.click();
  await page.getByRole('dialog', { name: '端末を失効させますか' }).getByRole('button', { name: '失効させる' }).click();
  await expect(page.getByText('「受付横 1」を失効させました。')).toBeVisible();
  await expect(row).toContainText('失効');
  await expect(revoke).toHaveCount(0);
  await expect(table).toContainText('失効した端末です。');
  await expect(details).toBeFocused();
  // after the revocation every column is still in view (issue 21: 安定所 had scrolled out)
  await expectWithinWidth(page, table.getByRole('columnheader', { name: '安定所' }));
  await expectNoSidewaysScroll(page, '端末一覧');
  await expectAccessible(page);
  const nonce = await fetch(`${service.url}/api/v1/kiosk/nonce`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminalId: kiosk.terminalId }),
  });
  expect(nonce.status).not.toBe(200);

  // The next thing the clerk does clears the message of the last one.
  await table.getByRole('button', { name: '端末名' }).click();
  await expect(page.getByText('「受付横 1」を失効させました。')).toHaveCount(0);
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
