import { expect, test } from './fixtures.js';

test.describe('端末登録 in the kiosk shell (R-KIOSK-2, R-KIOSK-5)', () => {
  test('R-KIOSK-2: an unenrolled kiosk opens on 端末登録 and says clearly what is missing or wrong', async ({ kiosk, service }) => {
    const k = await kiosk();
    const page = k.page();
    await expect(page.getByRole('heading', { level: 1, name: '端末登録' })).toBeVisible();
    await expect(page.getByTestId('basic-text-warning')).toHaveCount(0);
    await page.getByRole('button', { name: '登録する' }).click();
    await expect(page.locator('#enroll-url-error')).toHaveText('入力してください。');
    await expect(page.locator('#enroll-code-error')).toHaveText('入力してください。');

    await page.getByLabel('サービスのURL').fill('http://mypage.example.jp');
    await page.getByLabel('登録コード').fill('ABCD-2345');
    await page.getByRole('button', { name: '登録する' }).click();
    await expect(page.getByRole('alert')).toHaveText('サービスのURLは https:// で始まる必要があります。');

    await page.getByLabel('サービスのURL').fill(service.url);
    await page.getByLabel('登録コード').fill('WRONG-CODE');
    await page.getByRole('button', { name: '登録する' }).click();
    await expect(page.getByRole('alert')).toHaveText(/登録コードが正しくないか、有効期間を過ぎています。/);
    await expect(page.getByLabel('登録コード')).toHaveValue('');
  });

  test('R-KIOSK-2: without an OS key store (basic_text) the 端末登録 screen says the key is kept in a file', async ({ kiosk }) => {
    const k = await kiosk({ osBacked: false });
    await expect(k.page().getByTestId('basic-text-warning')).toContainText('basic_text');
    await expect(k.page().getByTestId('basic-text-warning')).toContainText('docs/kiosk.md');
  });
});
