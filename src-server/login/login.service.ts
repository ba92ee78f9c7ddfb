import type { Attestation } from '../../src-shared/api/schemas.js';
import { OTP_DIGITS, R_LOGIN_3_LOCK_MS, R_OTP_1_TTL_MS } from '../../src-shared/rules.js';
import { isReregistrable } from '../recovery/reregistration.service.js';
import type { AppDeps } from '../app-deps.js';
import { findAccountByLoginId, type AccountRow } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { createSession } from '../auth/sessions.service.js';
import { verifyPassword } from '../crypto/passwords.js';
import { hmacSha256, randomDigits, randomToken, sha256 } from '../crypto/tokens.js';
import { deviceIsTrusted } from '../device-trust/device-trust.service.js';
import { spendBudget } from '../budgets/budget.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { lockedMail, otpMail } from '../mail/mail-templates.js';
import { insertChallenge } from './challenges.repository.js';
import { clearLockout, reservePasswordTry } from './lockout.service.js';
import { holdOtpBudget, OTP_BUDGET_KINDS, refuseIfSpent, type OtpBudgetRefusal } from './otp-budget.service.js';

export interface LoginInput {
  /** Normalised already (the request schema does it). */
  loginId: string;
  password: string;
  attestation?: Attestation;
  /** The device-trust cookie, when the browser sent one. */
  deviceToken?: string;
  ip: string;
}

export type LoginOutcome =
  | { status: 'otp_required'; challenge: string; expiresAt: Date; attestationFailed: boolean }
  | { status: 'authenticated'; kind: 'web'; sessionToken: string; maxAgeSeconds: number }
  | { status: 'authenticated'; kind: 'kiosk'; sessionToken: string; expiresAt: Date }
  | { status: 'invalid_credentials' }
  | { status: 'locked'; retryAfterSeconds: number }
  | { status: 'withdrawn'; reregistrable: boolean }
  | OtpBudgetRefusal;

type Deps = Pick<AppDeps, 'db' | 'clock' | 'attestationVerifier' | 'mailQueued'>;

/**
 * R-LOGIN-1..3, R-OTP-7: one login attempt. Known and unknown IDs take the same path (a try is
 * reserved per normalised ID, the password is verified against the real or the dummy hash), so
 * the answer and its timing do not tell whether an ID exists.
 */
export async function login(deps: Deps, input: LoginInput): Promise<LoginOutcome> {
  const { db, clock } = deps;
  const reserved = await reservePasswordTry(db, clock, input.loginId);
  if (!reserved.allowed) {
    await recordAudit(db, clock, { type: 'login.refused_locked', loginId: input.loginId, ip: input.ip });
    return { status: 'locked', retryAfterSeconds: reserved.retryAfterSeconds };
  }
  const account = await findAccountByLoginId(db, input.loginId);
  const ok = await verifyPassword(account?.password_hash, input.password);
  if (!ok || !account) return wrongPassword(deps, input, account, reserved.locksNow);

  // The right password forgets the failures; the clear commits with the outcome's own writes.
  if (account.status === 'withdrawn') {
    const reregistrable = isReregistrable(account.withdrawn_at, clock.now().getTime());
    await db.transaction().execute(async (trx) => {
      await clearLockout(trx, input.loginId);
      await recordAudit(trx, clock, { type: 'login.withdrawn', accountId: account.id, loginId: input.loginId, ip: input.ip });
    });
    return { status: 'withdrawn', reregistrable };
  }
  if (input.attestation) return kioskLogin(deps, input, account, input.attestation);
  if (input.deviceToken && (await deviceIsTrusted(db, clock, input.deviceToken, account.id))) {
    const session = await db.transaction().execute(async (trx) => {
      await clearLockout(trx, input.loginId);
      await recordAudit(trx, clock, { type: 'login.device_trusted', accountId: account.id, loginId: input.loginId, ip: input.ip });
      return createSession(trx, clock, { accountId: account.id, kind: 'web' });
    });
    return { status: 'authenticated', kind: 'web', sessionToken: session.token, maxAgeSeconds: session.maxAgeSeconds };
  }
  return startOtp(deps, input, account, false);
}

async function wrongPassword(deps: Deps, input: LoginInput, account: AccountRow | undefined, locksNow: boolean): Promise<LoginOutcome> {
  const { db, clock } = deps;
  if (!locksNow) {
    await recordAudit(db, clock, { type: 'login.failed', accountId: account?.id ?? null, loginId: input.loginId, ip: input.ip });
    return { status: 'invalid_credentials' };
  }
  await db.transaction().execute(async (trx) => {
    await recordAudit(trx, clock, { type: 'login.locked', accountId: account?.id ?? null, loginId: input.loginId, ip: input.ip });
    if (account?.status === 'active') await enqueueMail(trx, clock, account.login_id, lockedMail());
  });
  deps.mailQueued();
  return { status: 'locked', retryAfterSeconds: Math.ceil(R_LOGIN_3_LOCK_MS / 1000) };
}

/** R-OTP-7 / R-KIOSK-2: an attested kiosk skips the OTP; any failure falls back to it (never a lock-out). */
async function kioskLogin(deps: Deps, input: LoginInput, account: AccountRow, attestation: Attestation): Promise<LoginOutcome> {
  const { db, clock } = deps;
  const session = await db.transaction().execute(async (trx) => {
    await clearLockout(trx, input.loginId);
    const result = await deps.attestationVerifier.verify(trx, attestation, { accountId: account.id, ip: input.ip, now: clock.now() });
    if (!result.ok) {
      await recordAudit(trx, clock, {
        type: 'kiosk.attestation_failed',
        accountId: account.id,
        loginId: input.loginId,
        ip: input.ip,
        detail: { reason: result.reason, terminalId: attestation.terminalId },
      });
      return undefined;
    }
    await recordAudit(trx, clock, { type: 'login.kiosk', accountId: account.id, loginId: input.loginId, ip: input.ip, detail: { terminalId: result.terminalId } });
    return createSession(trx, clock, { accountId: account.id, kind: 'kiosk', terminalId: result.terminalId });
  });
  if (session) return { status: 'authenticated', kind: 'kiosk', sessionToken: session.token, expiresAt: session.expiresAt };
  return startOtp(deps, input, account, true);
}

/**
 * R-LOGIN-2, R-OTP-1: a fresh challenge and its OTP, mailed through the outbox in the same
 * transaction. R-OTP-8: the account's OTP budget is held first; past it, no mail and a refusal
 * (a kiosk whose attestation failed lands here too: its fallback spends from the same budget).
 */
async function startOtp(deps: Deps, input: LoginInput, account: AccountRow, fromKiosk: boolean): Promise<LoginOutcome> {
  const { db, clock } = deps;
  const now = clock.now().getTime();
  const challenge = randomToken();
  const otp = randomDigits(OTP_DIGITS);
  const expiresAt = now + R_OTP_1_TTL_MS;
  const refused = await db.transaction().execute(async (trx) => {
    const budget = await holdOtpBudget(trx, clock, account.id);
    if (!fromKiosk) await clearLockout(trx, input.loginId); // a kiosk fallback cleared it already
    const refusal = await refuseIfSpent(trx, clock, budget, account, OTP_BUDGET_KINDS, input.ip);
    if (refusal) return refusal;
    await spendBudget(trx, budget, 'otp_mail');
    await insertChallenge(trx, {
      id: sha256(challenge),
      account_id: account.id,
      otp_hash: hmacSha256(challenge, otp),
      attempts: 0,
      created_at: now,
      expires_at: expiresAt,
      consumed_at: null,
      attestation_failed: fromKiosk ? 1 : 0,
    });
    await enqueueMail(trx, clock, account.login_id, otpMail(otp));
    await recordAudit(trx, clock, { type: 'login.otp_sent', accountId: account.id, loginId: input.loginId, ip: input.ip });
    return undefined;
  });
  deps.mailQueued();
  if (refused) return refused;
  return { status: 'otp_required', challenge, expiresAt: new Date(expiresAt), attestationFailed: fromKiosk };
}
