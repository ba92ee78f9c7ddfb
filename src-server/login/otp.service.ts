import { R_OTP_2_MAX_ATTEMPTS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import { findAccountById } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { createSession } from '../auth/sessions.service.js';
import { hmacSha256, safeEqual, sha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { trustDevice } from '../device-trust/device-trust.service.js';
import { consumeChallenge, countOtpTry, findChallenge } from './challenges.repository.js';

export interface OtpInput {
  challenge: string;
  otp: string;
  rememberDevice: boolean;
  deviceLabel: string;
  ip: string;
}

export type OtpOutcome =
  | { status: 'authenticated'; kind: 'web'; sessionToken: string; maxAgeSeconds: number; device?: { token: string; maxAgeSeconds: number } }
  | { status: 'authenticated'; kind: 'kiosk'; sessionToken: string; expiresAt: Date }
  | { status: 'otp_invalid'; attemptsLeft: number }
  | { status: 'otp_expired' }
  | { status: 'otp_exhausted' };

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/**
 * R-OTP-1/2/3: checks one OTP entry, in ONE transaction (one commit per entry). The try is
 * counted first (an atomic UPDATE … RETURNING, which also holds the challenge's row or write
 * lock until the commit), then the code is compared in constant time; the tenth wrong entry kills
 * the challenge. A challenge that a kiosk started (its attestation failed) ends in a kiosk bearer
 * session and never in a device trust (R-KIOSK-3).
 */
export async function verifyOtp(deps: Deps, input: OtpInput): Promise<OtpOutcome> {
  const { db, clock } = deps;
  const id = sha256(input.challenge);
  const presented = hmacSha256(input.challenge, input.otp);
  return db.transaction().execute(async (trx): Promise<OtpOutcome> => {
    const now = clock.now().getTime();
    const counted = await countOtpTry(trx, id, now);
    if (!counted) return whyNotCounted(trx, id, now);
    if (!safeEqual(presented, counted.otp_hash)) {
      const attemptsLeft = R_OTP_2_MAX_ATTEMPTS - counted.attempts;
      await recordAudit(trx, clock, { type: attemptsLeft === 0 ? 'otp.exhausted' : 'otp.failed', accountId: counted.account_id, ip: input.ip, detail: { attempts: counted.attempts } });
      return attemptsLeft === 0 ? { status: 'otp_exhausted' } : { status: 'otp_invalid', attemptsLeft };
    }
    if (!(await consumeChallenge(trx, id, now))) return { status: 'otp_expired' };
    const account = await findAccountById(trx, counted.account_id);
    if (!account || account.status !== 'active') return { status: 'otp_expired' };
    const kiosk = counted.attestation_failed === 1;
    await recordAudit(trx, clock, { type: 'login.succeeded', accountId: account.id, loginId: account.login_id, ip: input.ip, detail: { kind: kiosk ? 'kiosk' : 'web' } });
    if (kiosk) {
      const s = await createSession(trx, clock, { accountId: account.id, kind: 'kiosk' });
      return { status: 'authenticated', kind: 'kiosk', sessionToken: s.token, expiresAt: s.expiresAt };
    }
    const s = await createSession(trx, clock, { accountId: account.id, kind: 'web' });
    if (!input.rememberDevice) return { status: 'authenticated', kind: 'web', sessionToken: s.token, maxAgeSeconds: s.maxAgeSeconds };
    const device = await trustDevice(trx, clock, account.id, input.deviceLabel);
    await recordAudit(trx, clock, { type: 'device_trust.created', accountId: account.id, ip: input.ip });
    return { status: 'authenticated', kind: 'web', sessionToken: s.token, maxAgeSeconds: s.maxAgeSeconds, device };
  });
}

/** A try that was not counted: the challenge had its ten tries, or it is used, expired or unknown. */
async function whyNotCounted(trx: Executor, id: string, now: number): Promise<OtpOutcome> {
  const row = await findChallenge(trx, id);
  if (row && row.consumed_at === null && row.expires_at > now && row.attempts >= R_OTP_2_MAX_ATTEMPTS) return { status: 'otp_exhausted' };
  return { status: 'otp_expired' };
}
