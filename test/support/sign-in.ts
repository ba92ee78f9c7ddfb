import { expect } from 'vitest';
import type { TestClient } from './http-client.js';
import type { TestService } from './service-harness.js';
import { api } from '../../src-shared/api/routes.js';

export const OTP_SUBJECT = 'ワンタイムパスワード通知';

/** Logs in through both steps (password, then the mailed OTP) like the screens do. */
export async function signIn(svc: TestService, client: TestClient, id: string, password: string, opts: { rememberDevice?: boolean } = {}) {
  const login = await client.post<{ status: string; challenge: string }>(api.login.path, { id, password });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  expect(login.body.status).toBe('otp_required');
  const otp = await svc.mail.latestCode(id, OTP_SUBJECT);
  const done = await client.post(api.loginOtp.path, { challenge: login.body.challenge, otp, rememberDevice: opts.rememberDevice ?? false });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done;
}

/** A wrong OTP for a challenge whose right one is `otp`. */
export function wrongOtp(otp: string): string {
  return otp === '000000' ? '000001' : '000000';
}
