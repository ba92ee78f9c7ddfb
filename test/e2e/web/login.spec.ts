import type { Page } from '@playwright/test';
import { DEMO, seedDemo } from '../../../src-server/home/demo-seed.js';
import { R_LOGIN_3_LOCK_MS, R_OTP_1_TTL_MS } from '../../../src-shared/rules.js';
import {
  COMPANY,
  OFFICE,
  OTP_SUBJECT,
  expect,
  expectAccessible,
  heading,
  loginWithOtp,
  openOtpStep,
  shot,
  submitLogin,
  test,
} from './fixtures.js';
import { api } from '../../../src-shared/api/routes.js';
import site from '../../../src-renderer/lib/i18n/ja/site.js';

const SKIP_LABEL = '次回以降、同じ端末・ブラウザでログインする際にワンタイムパスワードを省略する';
const otpField = (page: Page) => page.getByLabel('ワンタイムパスワード', { exact: true });
const wrong = (otp: string) => String((Number(otp) + 1) % 1_000_000).padStart(otp.length, '0');

/** ワンタイムパスワード入力: `otp` typed, then 送信. */
async function sendOtp(page: Page, otp: string): Promise<void> {
  await otpField(page).fill(otp);
  await page.getByRole('button', { name: '送信' }).click();
}

/** A dead end of the OTP step: `message` shown, axe clean (screenshot `name`), then back to login. */
async function backToLoginAfter(page: Page, message: string, name: string): Promise<void> {
  await expect(page.getByText(message, { exact: false })).toBeVisible();
  await expectAccessible(page);
  await shot(page, name);
  await page.getByRole('button', { name: '「求人者マイページログイン」画面に戻る' }).click();
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
}

test('R-LOGIN-1 R-LOGIN-2 R-LOGIN-4 R-LOGIN-5 R-HOME-1 R-HOME-2: ID and password, the mailed OTP, then the home screen', async ({
  page,
  service,
  employer,
}) => {
  await page.goto(service.url);
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'パンくずリスト' })).toContainText('トップ');
  await expect(page.getByRole('navigation', { name: 'パンくずリスト' })).toContainText('ログイン');
  await expect(page.getByText('アカウントとして登録したメールアドレスとパスワードを入力してください。')).toBeVisible();
  await expect(page.getByRole('link', { name: 'パスワードをお忘れの方' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'アカウントを再登録' })).toBeVisible();
  await expect(page.getByText('過去30日以内にマイページを退会した方')).toBeVisible();
  await expect(page.getByText('マイページ退会後31日以上が経過している方')).toBeVisible();
  // R-LOGIN-4: a forgotten ID is recovered at the office, not online.
  await expect(page.getByText(/管轄のハローワークにお越しの上、確認依頼の手続きを行ってください/)).toBeVisible();
  // Every link of the footer, as the catalog lists them (site.ts holds the seed's words).
  for (const link of site.site.footer) {
    await expect(page.getByRole('contentinfo').getByRole('link', { name: link })).toBeVisible();
  }
  await expect(
    page.getByText(
      'All rights reserved. Copyright (C) Employment Security Bureau, Ministry of Health, Labour and Welfare',
    ),
  ).toBeVisible();
  await expectAccessible(page);
  await shot(page, '01-login');

  await submitLogin(page, employer.id, employer.password);
  await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
  await expect(
    page.getByText(
      '本人認証を行うため、アカウントとして登録されたメールアドレスにワンタイムパスワードを送信しました。',
    ),
  ).toBeVisible();
  // R-LOGIN-5: the sender to allow, from the service's configuration.
  const meta = (await (await page.request.get(`${service.url}${api.meta.path}`)).json()) as { mailFrom: string };
  await expect(
    page.getByText(
      `メール受信制限の設定をされている場合、${meta.mailFrom}からのメールを受信できるように設定してください。`,
    ),
  ).toBeVisible();
  await expect(
    page.getByText(
      '本人以外の方が利用する可能性がある共有端末の場合は、下のチェックボックスにはチェックしないでください。',
    ),
  ).toBeVisible();
  await expect(page.getByLabel(SKIP_LABEL)).not.toBeChecked();
  await expectAccessible(page);
  await shot(page, '02-otp');

  const mail = await service.mail.waitFor({ to: employer.id, subject: OTP_SUBJECT });
  expect(mail.subject).toBe('ワンタイムパスワード通知');
  await otpField(page).fill(await service.mail.latestCode(employer.id, OTP_SUBJECT));
  await page.getByRole('button', { name: '送信' }).click();

  await expect(heading(page, '求人者マイページホーム')).toBeVisible();
  await expect(page.getByText(`${COMPANY} 様`)).toBeVisible();
  await expect(page.getByText('管轄安定所名:')).toBeVisible();
  await expect(page.getByText(OFFICE)).toBeVisible();
  await expect(page.getByText('新着メッセージ:')).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['求人区分', '求人件数', '採用人数']);
  await expect(table.getByRole('rowheader')).toHaveText(['一般', '学生', '障害者']);
  await expect(page.getByText('求人者マイページ外へリンクします。')).toBeVisible();
  await expect(page.getByRole('link', { name: /イベント情報検索/ })).toHaveAttribute('target', '_blank');
  await expectAccessible(page);
});

test('R-LOGIN-2: キャンセル on ワンタイムパスワード入力 returns to the login screen', async ({
  page,
  service,
  employer,
}) => {
  await openOtpStep(page, service, employer.id, employer.password);
  await page.getByRole('button', { name: 'キャンセル' }).click();
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
});

test('R-OTP-3 R-OTP-4 R-OTP-6: the skip checkbox, its confirmation (OK), then the next login skips the OTP', async ({
  page,
  service,
  employer,
}) => {
  await otpField(page).fill(await openOtpStep(page, service, employer.id, employer.password));
  await page.getByLabel(SKIP_LABEL).check();
  await page.getByRole('button', { name: '送信' }).click();

  await expect(heading(page, 'ワンタイムパスワード省略設定確認')).toBeVisible();
  await expect(
    page.getByText('このまま次回以降のワンタイムパスワード入力を省略する設定としてよろしいですか。（90日間有効）'),
  ).toBeVisible();
  await expectAccessible(page);
  await shot(page, '04-otp-skip-confirm');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(heading(page, '求人者マイページホーム')).toBeVisible();
  await expect(
    page.getByText('次のログインからワンタイムパスワードの入力が省略されます（90日間有効）。', { exact: false }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page.getByText('ログアウトしました。')).toBeVisible();
  await expectAccessible(page);
  await shot(page, '05-logged-out');
  await page.getByRole('button', { name: 'ログイン画面へ' }).click();
  await submitLogin(page, employer.id, employer.password);
  await expect(heading(page, '求人者マイページホーム')).toBeVisible();

  // R-OTP-4: another browser (a fresh context) still needs the OTP.
  const other = await page.context().browser()!.newContext();
  const page2 = await other.newPage();
  await page2.goto(service.url);
  await submitLogin(page2, employer.id, employer.password);
  await expect(heading(page2, 'ワンタイムパスワード入力')).toBeVisible();
  await other.close();
});

test('R-OTP-3: キャンセル on the confirmation sets no skip; the next login asks for the OTP again', async ({
  page,
  service,
  employer,
}) => {
  const otp = await openOtpStep(page, service, employer.id, employer.password);
  await otpField(page).fill(otp);
  await page.getByLabel(SKIP_LABEL).check();
  await page.getByRole('button', { name: '送信' }).click();
  await expect(heading(page, 'ワンタイムパスワード省略設定確認')).toBeVisible();
  await page.getByRole('button', { name: 'キャンセル' }).click();

  await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
  await expect(page.getByLabel(SKIP_LABEL)).not.toBeChecked();
  await expect(otpField(page)).toHaveValue(otp);
  await page.getByRole('button', { name: '送信' }).click();
  await expect(heading(page, '求人者マイページホーム')).toBeVisible();

  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.getByRole('button', { name: 'ログイン画面へ' }).click();
  await submitLogin(page, employer.id, employer.password);
  await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
});

test('R-LOGIN-3: five wrong passwords lock the login for about 30 minutes, with the time to wait; then it opens again', async ({
  page,
  service,
  employer,
}) => {
  await page.goto(service.url);
  for (let i = 1; i <= 5; i++) {
    await submitLogin(page, employer.id, `Wrong-pass${i}`);
    await expect(page.getByRole('alert')).toContainText(
      i < 5 ? 'ID（メールアドレス）またはパスワードが正しくありません。' : 'ロックがかかりログインできません',
    );
    // The fourth says that the fifth locks; none before it does.
    const warning = page.locator('#login-password-error', { hasText: 'あと1回パスワード入力を誤ると' });
    if (i < 5) await expect(warning).toHaveCount(i === 4 ? 1 : 0);
  }
  // The typed values stay, so the user only fixes the password.
  await expect(page.getByLabel('ID（メールアドレス）')).toHaveValue(employer.id);
  await submitLogin(page, employer.id, employer.password);
  const alert = page.getByRole('alert');
  // R-LOGIN-3: the wait said once (the time left), and the way out now.
  await expect(alert).toContainText(
    /パスワード入力を5回誤ったため、ロックがかかりログインできません。あと約\d+分でお試しいただけます。/,
  );
  await expect(alert).not.toContainText('30分程度');
  await expect(alert).toContainText('「パスワードをお忘れの方」からパスワードを再登録すると、ロックも解除されます。');
  await expectAccessible(page);
  await shot(page, '06-login-locked');

  service.clock.advance(R_LOGIN_3_LOCK_MS + 1000);
  await submitLogin(page, employer.id, employer.password);
  await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
});

test('R-OTP-2: ten wrong one-time passwords invalidate it; the screen leads back to login', async ({
  page,
  service,
  employer,
}) => {
  const otp = await openOtpStep(page, service, employer.id, employer.password);
  for (let i = 1; i <= 9; i++) {
    await sendOtp(page, wrong(otp));
    await expect(page.locator('#otp-error')).toContainText(`あと${10 - i}回入力できます。`);
  }
  await expectAccessible(page);
  await shot(page, '07-otp-wrong');
  await sendOtp(page, wrong(otp));
  await backToLoginAfter(
    page,
    'ワンタイムパスワード入力を10回誤ったため、ワンタイムパスワードが無効化されました。',
    '08-otp-exhausted',
  );
});

test('R-OTP-1: after 30 minutes the OTP has expired and the user starts again from login', async ({
  page,
  service,
  employer,
}) => {
  const otp = await openOtpStep(page, service, employer.id, employer.password);
  service.clock.advance(R_OTP_1_TTL_MS + 1000);
  await sendOtp(page, otp);
  await backToLoginAfter(page, 'ワンタイムパスワードの有効期間（30分間）を過ぎました。', '09-otp-expired');
});

test('R-LOGIN-1 R-LOGIN-2: the whole login and logout work with the keyboard alone', async ({
  page,
  service,
  employer,
}) => {
  await page.goto(service.url);
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
  // Skip link, then the fields in order.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '本文へ移動' })).toBeFocused();
  const id = page.getByLabel('ID（メールアドレス）');
  for (let i = 0; i < 10 && !(await id.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(id).toBeFocused();
  await page.keyboard.type(employer.id);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('パスワード', { exact: true })).toBeFocused();
  await page.keyboard.type(employer.password);
  await page.keyboard.press('Enter');

  await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
  const otp = await service.mail.latestCode(employer.id, OTP_SUBJECT);
  const field = otpField(page);
  for (let i = 0; i < 10 && !(await field.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(field).toBeFocused();
  await page.keyboard.type(otp);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(SKIP_LABEL)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'キャンセル' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '送信' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(heading(page, '求人者マイページホーム')).toBeVisible();

  const logout = page.getByRole('button', { name: 'ログアウト' });
  // Focus is on the new screen's heading; the menu is above it.
  for (let i = 0; i < 10 && !(await logout.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Shift+Tab');
  await expect(logout).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('ログアウトしました。')).toBeVisible();
  // The session is gone at the service too.
  const home = await page.request.get(`${service.url}${api.home.path}`);
  expect(home.status()).toBe(401);
});

test("R-HOME-1 R-HOME-2: the seed's example home — 株式会社 ハローワークア 様, 100件, 一般 3件 9名", async ({
  page,
  service,
}) => {
  await seedDemo(service.db, service.clock);
  await loginWithOtp(page, service, DEMO.id, DEMO.password);
  await expect(page.getByText('株式会社 ハローワークア 様')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '飯田橋公共職業安定所' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '100件' })).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toHaveText(/一般\s*3件\s*9名/);
  await expect(rows.nth(2)).toHaveText(/学生\s*0件\s*0名/);
  await expect(rows.nth(3)).toHaveText(/障害者\s*0件\s*0名/);
  await expectAccessible(page);
  await shot(page, '03-home');
});
