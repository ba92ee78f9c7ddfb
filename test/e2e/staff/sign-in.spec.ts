import {
  expect,
  expectAccessible,
  heading,
  newStaff,
  registerPasskey,
  shot,
  signInStaff,
  staffConsole,
  test,
} from './fixtures.js';

test('パスキーの登録 with a wrong code says what to do and keeps the input; the right code registers, then 職員ログイン with the passkey', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  const { staffId, code } = await newStaff(service, 'office');
  await page.goto(service.staff.origin);
  await expect(heading(page, '職員ログイン')).toBeVisible();
  await expectAccessible(page);
  await shot(page, '70-staff-login');

  await page.getByRole('button', { name: 'はじめての方（パスキーの登録）' }).click();
  await expect(heading(page, 'パスキーの登録')).toBeVisible();
  // Nothing typed: each field says what is missing.
  await page.getByRole('button', { name: 'パスキーを登録' }).click();
  await expect(page.getByText('「職員ID」を入力してください。').first()).toBeVisible();
  await expect(page.getByText('「登録コード」を入力してください。').first()).toBeVisible();
  // A wrong code: one answer, what to do next, and the typed values stay.
  await page.getByLabel('職員ID').fill(staffId);
  await page.getByLabel('登録コード').fill('AAAA-BBBB-CCCC-DDDD');
  await page.getByRole('button', { name: 'パスキーを登録' }).click();
  await expect(page.getByRole('alert')).toContainText('システム担当に新しい登録コードの発行を依頼してください');
  await expect(page.getByLabel('職員ID')).toHaveValue(staffId);
  await expect(page.getByLabel('登録コード')).toHaveValue('AAAA-BBBB-CCCC-DDDD');
  await expectAccessible(page);
  await shot(page, '71-staff-register-code-invalid');
  await page.getByRole('button', { name: '「職員ログイン」画面に戻る' }).click();

  await registerPasskey(page, staffId, code);
  // The ID is filled in: the message asks for ログイン, not for typing it.
  await expect(page.getByLabel('職員ID')).toHaveValue(staffId);
  await expect(page.getByRole('status').filter({ hasText: 'パスキーを登録しました。' })).toContainText(
    '「ログイン」を押し',
  );
  // The code is used up: registering again with it is refused.
  await page.getByRole('button', { name: 'はじめての方（パスキーの登録）' }).click();
  await page.getByLabel('職員ID').fill(staffId);
  await page.getByLabel('登録コード').fill(code);
  await page.getByRole('button', { name: 'パスキーを登録' }).click();
  await expect(page.getByRole('alert')).toContainText('すでに使われています');
  await page.getByRole('button', { name: '「職員ログイン」画面に戻る' }).click();

  await signInStaff(page, staffId);
  await expect(heading(page, '求人者検索')).toBeVisible();
  await expect(page.getByRole('navigation', { name: '職員メニュー' })).toContainText('窓口 太郎');

  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(heading(page, '職員ログイン')).toBeVisible();
  await expect(page.getByText('ログアウトしました。')).toBeVisible();
  // A new sign-in that fails: its error alone, not under the green 「ログアウトしました。」 of before.
  await signInStaff(page, 'S0000000');
  await expect(page.getByRole('alert')).toContainText('職員IDが正しいか確認し');
  await expect(page.getByText('ログアウトしました。')).toHaveCount(0);
  // Signed out on the service too: a reload opens 職員ログイン.
  await page.reload();
  await expect(heading(page, '職員ログイン')).toBeVisible();
});

test('職員ログイン with an unknown staff ID, or without the passkey, says what to do next; an empty ID is caught before the passkey', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  await page.goto(service.staff.origin);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByText('「職員ID」を入力してください。').first()).toBeVisible();
  await expect(page.getByLabel('職員ID')).toBeFocused();

  await signInStaff(page, 'S0000000');
  // No passkey of this ID in the authenticator: the browser's prompt ends without one.
  await expect(page.getByRole('alert')).toContainText('職員IDが正しいか確認し');
  await expect(page.getByRole('alert')).toContainText('「はじめての方（パスキーの登録）」から登録してください');
  await expect(page.getByLabel('職員ID')).toHaveValue('S0000000');
  await expect(heading(page, '職員ログイン')).toBeVisible();
  await expectAccessible(page);
  await shot(page, '72-staff-login-failed');
});

test('a staff ID typed in full-width is accepted; 15 minutes without a request return to 職員ログイン with a message', async ({
  page,
  service,
  authenticator,
}) => {
  expect(authenticator).toBeTruthy();
  await page.clock.install();
  const { staffId, code } = await newStaff(service, 'it');
  await page.goto(service.staff.origin);
  await registerPasskey(page, staffId, code);
  const fullWidth = staffId.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  await signInStaff(page, fullWidth);
  await expect(heading(page, '端末一覧')).toBeVisible();

  service.clock.advance(15 * 60_000);
  await page.clock.fastForward('15:00');
  await expect(heading(page, '職員ログイン')).toBeVisible();
  await expect(
    page.getByText('15分間操作がなかったため、ログアウトしました。もう一度ログインしてください。'),
  ).toBeVisible();
  await expectAccessible(page);
  await shot(page, '73-staff-idle-signed-out');
  // The service ended the session too.
  await page.reload();
  await expect(heading(page, '職員ログイン')).toBeVisible();
});

test('the console in English: the same screens from the same catalogs', async ({ page, service, authenticator }) => {
  expect(authenticator).toBeTruthy();
  await staffConsole(page, service, 'office');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(heading(page, 'Employer search')).toBeVisible();
  await expect(page.getByLabel('Company name or ID')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(heading(page, '求人者検索')).toBeVisible();
});

test('the employer listener does not serve the staff console page: /staff.html there is the employer login', async ({
  page,
  service,
}) => {
  await page.goto(`${service.url}/staff.html`);
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
  await expect(heading(page, '職員ログイン')).toHaveCount(0);
});
