import { checkPasswordPolicy, type PasswordViolation } from '../../src-shared/password-policy.js';
import { R_PW_3_RESET_KEY_TTL_MS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import { findAccountByLoginId } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { revokeAllSessions } from '../auth/sessions.service.js';
import { hashPassword } from '../crypto/passwords.js';
import { randomId } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { revokeAllDeviceTrusts } from '../device-trust/device-trust.repository.js';
import { clearLockout } from '../login/lockout.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { markMailedKeyUsed } from './mailed-keys.repository.js';
import { checkMailedKey, issueMailedKey, issueNothing } from './mailed-keys.service.js';
import { passwordChangedMail, resetKeyMail } from './recovery-mails.js';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'mailQueued'>;


/**
 * R-PW-1: a reset request. Known and unknown IDs take the same shape (one short transaction with
 * an audit event; the mail only goes into the outbox, never waits on SMTP), and the caller answers
 * 202 either way. Only an active account gets a key; a new key supersedes older ones.
 */
export async function requestPasswordReset(deps: Deps, input: { loginId: string; ip: string }): Promise<void> {
  const { db, clock } = deps;
  const account = await findAccountByLoginId(db, input.loginId);
  const active = account?.status === 'active' ? account : undefined;
  await db.transaction().execute(async (trx) => {
    if (active) {
      const key = await issueMailedKey(trx, clock, { accountId: active.id, purpose: 'reset', ttlMs: R_PW_3_RESET_KEY_TTL_MS });
      await enqueueMail(trx, clock, active.login_id, resetKeyMail(key));
    } else await sameRoundTrips(trx, clock.now().getTime());
    await recordAudit(trx, clock, { type: 'password_reset.requested', accountId: active?.id ?? null, loginId: input.loginId, ip: input.ip, detail: { mailed: active !== undefined } });
  });
  // No kick of the mail sender here: its work would land on the answer of known IDs only. The
  // sender's poll (1 s) picks the mail up, which the person waiting for it cannot tell apart.
}

/** For an unknown ID: the statements of issuing a key and queueing its mail, touching nothing. */
async function sameRoundTrips(trx: Executor, now: number): Promise<void> {
  await issueNothing(trx, now);
  await trx.selectFrom('outbox').select('id').where('id', '=', randomId()).executeTakeFirst();
}

export type NewPasswordCheck = { status: 'password_policy'; violations: PasswordViolation[] } | { status: 'password_mismatch' } | undefined;

/** R-PW-4 and the confirmation field, checked before anything else (no try is spent on them). */
export function checkNewPassword(newPassword: string, confirm: string): NewPasswordCheck {
  const violations = checkPasswordPolicy(newPassword);
  if (violations.length) return { status: 'password_policy', violations };
  if (newPassword !== confirm) return { status: 'password_mismatch' };
  return undefined;
}

export type ResetOutcome = { status: 'done' } | { status: 'key_invalid' } | NonNullable<NewPasswordCheck>;

/**
 * R-PW-2..5: completes a reset. The key try is counted atomically before the key is compared;
 * argon2 runs before the transaction. On success: the new hash, every device trust revoked
 * (R-PW-5), the lock lifted, every session ended, the owner told, an audit event.
 */
export async function completePasswordReset(
  deps: Deps,
  input: { loginId: string; key: string; newPassword: string; newPasswordConfirm: string; ip: string },
): Promise<ResetOutcome> {
  const { db, clock } = deps;
  const bad = checkNewPassword(input.newPassword, input.newPasswordConfirm);
  if (bad) return bad;
  const account = await findAccountByLoginId(db, input.loginId);
  if (!account || account.status !== 'active') return { status: 'key_invalid' };
  const check = await checkMailedKey(db, clock, account.id, 'reset', input.key);
  if (!check.ok) {
    await recordAudit(db, clock, { type: 'password_reset.key_refused', accountId: account.id, loginId: input.loginId, ip: input.ip });
    return { status: 'key_invalid' };
  }
  const hash = await hashPassword(input.newPassword);
  const done = await db.transaction().execute(async (trx) => {
    if (!(await markMailedKeyUsed(trx, check.keyId, clock.now().getTime()))) return false;
    await setPassword(trx, deps, account.id, hash);
    await clearLockout(trx, account.login_id);
    await revokeAllSessions(trx, clock, account.id);
    await enqueueMail(trx, clock, account.login_id, passwordChangedMail('reset'));
    await recordAudit(trx, clock, { type: 'password_reset.completed', accountId: account.id, loginId: account.login_id, ip: input.ip });
    return true;
  });
  if (!done) return { status: 'key_invalid' };
  deps.mailQueued();
  return { status: 'done' };
}

/** A new password hash; R-OTP-4/R-PW-5: every "skip the OTP" of the account ends with it. */
export async function setPassword(trx: Executor, deps: Pick<AppDeps, 'clock'>, accountId: string, hash: string): Promise<void> {
  const now = deps.clock.now().getTime();
  await trx.updateTable('accounts').set({ password_hash: hash, password_changed_at: now, updated_at: now }).where('id', '=', accountId).execute();
  await revokeAllDeviceTrusts(trx, accountId);
}
