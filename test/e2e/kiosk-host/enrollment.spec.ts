import { expect, test } from './fixtures.js';

test.describe('端末登録 in the kiosk shell (R-KIOSK-2, R-KIOSK-5)', () => {
  test('R-KIOSK-2: an unenrolled kiosk opens on 端末登録 and says clearly what is missing or wrong', async ({
    kiosk,
    service,
  }) => {
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

  test('R-KIOSK-2: without an OS key store (basic_text) the 端末登録 screen says the key is kept in a file', async ({
    kiosk,
  }) => {
    const k = await kiosk({ osBacked: false });
    await expect(k.page().getByTestId('basic-text-warning')).toContainText('basic_text');
    await expect(k.page().getByTestId('basic-text-warning')).toContainText('docs/kiosk.md');
  });
});

test.describe('the bridge answers only the kiosk page (electron/fiddle sender check)', () => {
  test("R-KIOSK-3: another page in the kiosk's own partition cannot call window.kiosk; a bad payload from the kiosk page is refused", async ({
    kiosk,
    service,
  }) => {
    const k = await kiosk();
    await expect(k.page().getByRole('heading', { level: 1, name: '端末登録' })).toBeVisible();
    const intruder = await k.page().context().newPage();
    await intruder.goto(`${service.url}/`);
    const fromIntruder = await intruder.evaluate(() =>
      (window as unknown as { kiosk: { status(): Promise<unknown> } }).kiosk.status().then(
        () => 'answered',
        (e: Error) => e.message,
      ),
    );
    expect(fromIntruder).toContain('refused: not the kiosk page');
    await intruder.close();

    const bad = await k.page().evaluate(() =>
      (window as unknown as { kiosk: { submitOtp(i: unknown): Promise<unknown> } }).kiosk.submitOtp({
        otp: '123456',
        rememberDevice: true,
      }),
    );
    expect(bad).toMatchObject({ ok: false, error: { error: 'invalid_request', fields: ['rememberDevice'] } });
  });
});
