import type { Page } from '@playwright/test';
import { expect, expectAccessible, heading, OTP_SUBJECT, submitLogin, test } from './fixtures.js';

/** Kana anywhere in the main content: Japanese left on a screen shown in English. */
const KANA = /[\u3040-\u30ff]/;
const mainText = (page: Page) => page.getByRole('main').innerText();

test('issue 21: an error already shown in Japanese switches to English with everything else (and back), errors included', async ({
  page,
  service,
  employer,
}) => {
  await page.goto(service.url);
  await submitLogin(page, employer.id, 'Wrong-pass1');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('ID（メールアドレス）またはパスワードが正しくありません。');
  await expect(page.locator('#login-password-error')).toContainText(
    'ID（メールアドレス）またはパスワードが正しくありません。',
  );

  await page.getByRole('button', { name: 'English' }).click();
  await expect(heading(page, 'Employer My Page login')).toBeVisible();
  await expect(alert).toContainText('Please check your input');
  await expect(alert).toContainText('The ID (e-mail address) or password is incorrect.');
  await expect(page.locator('#login-password-error')).toHaveText('The ID (e-mail address) or password is incorrect.');
  expect(await mainText(page)).not.toMatch(KANA);
  // What was typed stays: the switch only rewords the screen.
  await expect(page.getByLabel('ID (e-mail address)')).toHaveValue(employer.id);
  await expectAccessible(page);

  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.locator('#login-password-error')).toHaveText(
    'ID（メールアドレス）またはパスワードが正しくありません。',
  );
  await expect(alert).toContainText('入力内容をご確認ください');
});

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('issue 21: the checks made before sending and the OTP error follow a switch to English too', async ({
    page,
    service,
    employer,
  }) => {
    await page.goto(service.url);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await expect(page.locator('#login-id-error')).toHaveText('「ID（メールアドレス）」を入力してください。');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('#login-id-error')).not.toHaveText('「ID（メールアドレス）」を入力してください。');
    expect(await mainText(page)).not.toMatch(KANA);
    await expectAccessible(page);

    await page.getByRole('button', { name: '日本語' }).click();
    await submitLogin(page, employer.id, employer.password);
    await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
    const otp = await service.mail.latestCode(employer.id, OTP_SUBJECT);
    await page.getByLabel('ワンタイムパスワード', { exact: true }).fill(otp === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: '送信' }).click();
    await expect(page.locator('#otp-error')).toContainText('あと9回入力できます。');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('#otp-error')).toContainText('9 tries left.');
    expect(await mainText(page)).not.toMatch(KANA);
    await expectAccessible(page);
  });
});
