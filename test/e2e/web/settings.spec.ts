import {
  EMAIL_CHANGE_SUBJECT,
  enterMailedOtp,
  expect,
  expectAccessible,
  heading,
  loginWithOtp,
  logout,
  openSettings,
  shot,
  submitLogin,
  test,
} from './fixtures.js';

test('R-OTP-5: the trusted browsers are listed in the settings and one can be revoked; that browser needs the OTP again', async ({
  page,
  service,
  employer,
}) => {
  await loginWithOtp(page, service, employer.id, employer.password, { remember: true });
  await page
    .getByRole('navigation', { name: '求人者マイページメニュー' })
    .getByRole('link', { name: '各種設定' })
    .click();
  await expect(heading(page, '各種設定')).toBeVisible();
  await expectAccessible(page);
  await shot(page, '19-settings');
  await page.getByRole('main').getByRole('link', { name: 'ワンタイムパスワード入力の省略設定' }).click();
  await expect(heading(page, 'ワンタイムパスワード入力の省略設定')).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2); // header + this browser
  await expectAccessible(page);
  await shot(page, '20-settings-devices');
  await page.getByRole('button', { name: /の省略設定を解除$/ }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'ワンタイムパスワード入力の省略設定を解除しました。' }),
  ).toBeVisible();
  await expect(
    page.getByText('ワンタイムパスワード入力を省略する設定をしている端末・ブラウザはありません。'),
  ).toBeVisible();

  await logout(page);
  await submitLogin(page, employer.id, employer.password);
  await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
});

test('R-OTP-4 R-PW-4: changing the password in the settings (a weak one refused first) clears the skip; the next login asks for the OTP', async ({
  page,
  service,
  employer,
}) => {
  const NEW = 'Chang3d-Pass!';
  await loginWithOtp(page, service, employer.id, employer.password, { remember: true });
  await openSettings(page, 'パスワード変更');
  await page.getByLabel('現在のパスワード').fill(employer.password);
  await page.getByLabel('新しいパスワード', { exact: true }).fill('password');
  await page.getByLabel('新しいパスワード（確認用）').fill('password');
  await page.getByRole('button', { name: '変更する' }).click();
  await expect(page.locator('#new-password-error')).toContainText('半角数字を含めてください。');
  await expect(page.locator('#new-password-error')).toContainText('半角記号を含めてください。');
  await expectAccessible(page);
  await shot(page, '21-settings-password');
  await page.getByLabel('新しいパスワード', { exact: true }).fill(NEW);
  await page.getByLabel('新しいパスワード（確認用）').fill(NEW);
  await page.getByRole('button', { name: '変更する' }).click();
  await expect(heading(page, '各種設定')).toBeVisible();
  await expect(page.getByText('パスワードを変更しました。', { exact: false })).toBeVisible();

  await logout(page);
  await submitLogin(page, employer.id, NEW);
  await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
});

test('R-OTP-4: changing the ID needs the key mailed to the new address; then the new ID logs in with an OTP', async ({
  page,
  service,
  employer,
}) => {
  const newId = `new-${employer.id}`;
  await loginWithOtp(page, service, employer.id, employer.password, { remember: true });
  await openSettings(page, 'ID（メールアドレス）変更');
  await page.getByLabel('新しいID（メールアドレス）').fill(newId);
  await page.getByLabel('パスワード', { exact: true }).fill(employer.password);
  await expectAccessible(page);
  await shot(page, '22-settings-email');
  await page.getByRole('button', { name: '次へ進む' }).click();
  await expect(heading(page, '認証キー入力')).toBeVisible();
  await page.getByLabel('認証キー').fill(await service.mail.latestCode(newId, EMAIL_CHANGE_SUBJECT));
  await page.getByRole('button', { name: '送信' }).click();
  await expect(heading(page, '各種設定')).toBeVisible();
  await expect(page.getByText('ID（メールアドレス）を変更しました。', { exact: false })).toBeVisible();

  await logout(page);
  await submitLogin(page, newId, employer.password);
  await enterMailedOtp(page, service, newId);
});

test('a signed-in screen opened without a session leads to login and says why', async ({ page, service }) => {
  await page.goto(`${service.url}/#/home`);
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
  await expect(
    page.getByText('ログインの有効期間が過ぎたか、ログアウトしました。もう一度ログインしてください。'),
  ).toBeVisible();
});
