import type { TestClient } from './http-client.js';
import type { TestService } from './service-harness.js';
import { api } from '../../src-shared/api/routes.js';
import { RESET_KEY_SUBJECT } from '../../src-server/recovery/recovery-mails.js';
import { NEW_PASSWORD } from './passwords.js';

export const OTP_SUBJECT = 'ワンタイムパスワード通知';

/**
 * Logs in through both steps (password, then the mailed OTP) like the screens do; throws (with the
 * answer) when a step does not answer as it should. Plain checks, not `expect`: the harness (which
 * the Playwright suites load too) calls it for `svc.as(employer)`.
 */
export async function signIn(
  svc: Pick<TestService, 'mail'>,
  client: TestClient,
  id: string,
  password: string,
  opts: { rememberDevice?: boolean } = {},
) {
  const login = await client.post<{ status: string; challenge: string }>(api.login.path, { id, password });
  if (login.status !== 200 || login.body.status !== 'otp_required')
    throw new Error(`login answered ${login.status}: ${JSON.stringify(login.body)}`);
  const otp = await svc.mail.latestCode(id, OTP_SUBJECT);
  const done = await client.post(api.loginOtp.path, {
    challenge: login.body.challenge,
    otp,
    rememberDevice: opts.rememberDevice ?? false,
  });
  if (done.status !== 200) throw new Error(`login/otp answered ${done.status}: ${JSON.stringify(done.body)}`);
  return done;
}

/** A wrong OTP for a challenge whose right one is `otp`. */
export function wrongOtp(otp: string): string {
  return otp === '000000' ? '000001' : '000000';
}

/**
 * Completes a password reset of `id` with the newest 認証キー mailed to it, to NEW_PASSWORD, from
 * `client` (the owner's browser); the answer, for the test to check (204).
 */
export async function resetWithMailedKey(svc: Pick<TestService, 'mail'>, client: TestClient, id: string) {
  const key = await svc.mail.latestCode(id, RESET_KEY_SUBJECT);
  return client.post(api.passwordResetComplete.path, {
    id,
    key,
    newPassword: NEW_PASSWORD,
    newPasswordConfirm: NEW_PASSWORD,
  });
}
