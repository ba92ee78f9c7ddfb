import { R_OTP_2_MAX_ATTEMPTS, R_OTP_8_MAX_OTP_MAILS, R_OTP_8_MAX_WRONG_OTPS } from '../../../src-shared/rules.js';
import { createClient } from '../../support/http-client.js';
import type { TestService } from '../../support/service-harness.js';
import { OTP_SUBJECT, expect, expectAccessible, heading, openOtpStep, shot, submitLogin, test } from './fixtures.js';
import { api } from '../../../src-shared/api/routes.js';

const otpField = (page: import('@playwright/test').Page) => page.getByLabel('ワンタイムパスワード', { exact: true });
const wrong = (otp: string) => String((Number(otp) + 1) % 1_000_000).padStart(otp.length, '0');
const REFUSAL =
  'ワンタイムパスワードの送信または入力の回数が上限に達したため、現在ログインできません。しばらく時間を空けてから、もう一度お試しください。';

/** Someone else, with the password, restarts the login and guesses: `logins` challenges, `wrongEach` wrong OTPs on each. */
async function elsewhere(
  service: TestService,
  id: string,
  password: string,
  logins: number,
  wrongEach = 0,
): Promise<void> {
  for (let i = 0; i < logins; i++) {
    const c = createClient(service.url);
    const login = await c.post<{ challenge: string }>(api.login.path, { id, password });
    expect(login.status).toBe(200);
    const otp = await service.mail.latestCode(id, OTP_SUBJECT);
    for (let j = 0; j < wrongEach; j++)
      await c.post(api.loginOtp.path, { challenge: login.body.challenge, otp: wrong(otp), rememberDevice: false });
  }
}

test(`R-OTP-8: past ${R_OTP_8_MAX_WRONG_OTPS} wrong OTPs an hour the OTP step says to wait and try later, the typed OTP kept`, async ({
  page,
  service,
  employer,
}) => {
  const otp = await openOtpStep(page, service, employer.id, employer.password);
  await elsewhere(
    service,
    employer.id,
    employer.password,
    R_OTP_8_MAX_WRONG_OTPS / R_OTP_2_MAX_ATTEMPTS,
    R_OTP_2_MAX_ATTEMPTS,
  );
  await otpField(page).fill(otp);
  await page.getByRole('button', { name: '送信' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(REFUSAL);
  await expect(alert).toContainText(/あと約\d+分でお試しいただけます。/);
  await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
  await expect(otpField(page)).toHaveValue(otp);
  await expectAccessible(page);
  await shot(page, '30-otp-budget-exhausted');
});

test(`R-OTP-8: past ${R_OTP_8_MAX_OTP_MAILS} OTP mails an hour the login after a correct password says to wait and try later, the ID kept; English too`, async ({
  page,
  service,
  employer,
}) => {
  await elsewhere(service, employer.id, employer.password, R_OTP_8_MAX_OTP_MAILS);
  await page.goto(service.url);
  await submitLogin(page, employer.id, employer.password);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(REFUSAL);
  await expect(alert).toContainText(/あと約60分でお試しいただけます。/);
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
  await expect(page.getByLabel('ID（メールアドレス）')).toHaveValue(employer.id);
  await expectAccessible(page);
  await shot(page, '31-login-otp-budget-exhausted');

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('ID (e-mail address)').fill(employer.id);
  await page.getByLabel('Password', { exact: true }).fill(employer.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(
    'The one-time password has been sent or entered too many times, so login is not possible right now. Please wait a while and try again.',
  );
  await expectAccessible(page);
});
