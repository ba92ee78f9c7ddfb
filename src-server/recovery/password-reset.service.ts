import { checkPasswordPolicy, type PasswordViolation } from '../../src-shared/password-policy.js';
import { R_PW_3_RESET_KEY_TTL_MS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import { findAccountByLoginId, updatePasswordHash } from '../accounts/accounts.repository.js';
import { endEverythingInFlight } from '../accounts/credentials-in-flight.js';
import { auditedAccountId, recoveryTarget, type RecoveryTarget } from '../accounts/decoy-account.js';
import { recordAudit } from '../audit/audit.repository.js';
import { hashPassword } from '../crypto/passwords.js';
import { sha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { findKnownBrowserId } from '../login/known-browsers.repository.js';
import { clearLockout } from '../login/lockout.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { markMailedKeyUsed } from './mailed-keys.repository.js';
import { checkMailedKey, mailKey, type MailBudget } from './mailed-keys.service.js';
import { passwordChangedMail, resetKeyMail } from './recovery-mails.js';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'mailQueued'>;

/**
 * R-PW-1, R-PW-7: a reset request. The caller answers 202 whatever happened. Known and unknown IDs
 * run the same code (mailKey): an unknown ID, or an account that is not active, works on the
 * decoy (accounts/decoy-account.ts), whose mail is dropped. The budget is per typed ID, so an unknown
 * ID runs out after five like a known one — except from a browser that signed in to the account
 * before (R-LOGIN-6's marker), which spends a budget of its own, so a stranger who spent the public
 * one cannot silence the owner. The mail only goes into the outbox, never waits on SMTP.
 */
export async function requestPasswordReset(
  deps: Deps,
  input: { loginId: string; ip: string; knownBrowserToken?: string | undefined },
): Promise<void> {
  const { db, clock } = deps;
  const account = await findAccountByLoginId(db, input.loginId);
  const target = recoveryTarget(account?.status === 'active' ? account : undefined);
  const budget = await resetBudget(deps, input, target);
  await mailKey(
    db,
    clock,
    {
      budget,
      purpose: 'reset',
      target,
      loginId: input.loginId,
      ttlMs: R_PW_3_RESET_KEY_TTL_MS,
      content: resetKeyMail,
    },
    (trx, mailed) =>
      recordAudit(trx, clock, {
        type: 'password_reset.requested',
        accountId: auditedAccountId(target),
        loginId: input.loginId,
        ip: input.ip,
        detail: { mailed, budget: budget.kind },
      }),
  );
  // No kick of the mail sender here: its work would land on the answer of known IDs only. The
  // sender's poll (1 s) picks the mail up, which the person waiting for it cannot tell apart.
}

/**
 * R-PW-7: the owner's known browser (a live marker of THIS account) pays from its own budget; any
 * other request from the public one, per typed ID. With a marker cookie the lookup runs for every
 * ID — the decoy never has a marker — so it does not tell whether the ID exists.
 */
async function resetBudget(
  deps: Deps,
  input: { loginId: string; knownBrowserToken?: string | undefined },
  target: RecoveryTarget,
): Promise<MailBudget> {
  if (input.knownBrowserToken) {
    const now = deps.clock.now().getTime();
    const marker = await findKnownBrowserId(deps.db, sha256(input.knownBrowserToken), target.accountId, now);
    if (marker) return { kind: 'known_browser', subject: `known:${marker}` };
  }
  return { kind: 'public', subject: input.loginId };
}

export type NewPasswordCheck =
  { status: 'password_policy'; violations: PasswordViolation[] } | { status: 'password_mismatch' } | undefined;

/** R-PW-4 and the confirmation field, checked before anything else (no try is spent on them). */
export function checkNewPassword(newPassword: string, confirm: string): NewPasswordCheck {
  const violations = checkPasswordPolicy(newPassword);
  if (violations.length) return { status: 'password_policy', violations };
  if (newPassword !== confirm) return { status: 'password_mismatch' };
  return undefined;
}

export type ResetOutcome = { status: 'done' } | { status: 'key_invalid' } | NonNullable<NewPasswordCheck>;

/**
 * R-PW-2, R-PW-3, R-PW-4, R-PW-5, R-CRED-1: completes a reset. The key try is counted atomically before the key is
 * compared; argon2 runs before the transaction. On success: the new hash and everything in flight
 * ended (setPassword: every device trust — R-PW-5 —, session, challenge, key), the lock lifted,
 * the owner told, an audit event.
 */
export async function completePasswordReset(
  deps: Deps,
  input: { loginId: string; key: string; newPassword: string; newPasswordConfirm: string; ip: string },
): Promise<ResetOutcome> {
  const { db, clock } = deps;
  const bad = checkNewPassword(input.newPassword, input.newPasswordConfirm);
  if (bad) return bad;
  const found = await findAccountByLoginId(db, input.loginId);
  const account = found?.status === 'active' ? found : undefined;
  // An unknown ID checks the key against the decoy's keys: the same statements, never a match that counts.
  const target = recoveryTarget(account);
  const check = await checkMailedKey(
    db,
    clock,
    { accountId: target.accountId, loginId: input.loginId },
    'reset',
    input.key,
  );
  if (!check.ok || !account) {
    await recordAudit(db, clock, {
      type: 'password_reset.key_refused',
      accountId: auditedAccountId(target),
      loginId: input.loginId,
      ip: input.ip,
    });
    return { status: 'key_invalid' };
  }
  const hash = await hashPassword(input.newPassword);
  const done = await db.transaction().execute(async (trx) => {
    if (!(await markMailedKeyUsed(trx, check.keyId, clock.now().getTime()))) return false;
    await setPassword(trx, deps, account.id, hash);
    await clearLockout(trx, account.login_id);
    await enqueueMail(trx, clock, account.login_id, passwordChangedMail('reset'));
    await recordAudit(trx, clock, {
      type: 'password_reset.completed',
      accountId: account.id,
      loginId: account.login_id,
      ip: input.ip,
    });
    return true;
  });
  if (!done) return { status: 'key_invalid' };
  deps.mailQueued();
  return { status: 'done' };
}

/**
 * A new password hash; R-CRED-1 (R-OTP-4, R-PW-5): everything the old password started ends with
 * it — every "skip the OTP", session (but `keepSessionId`), pending challenge and mailed key.
 */
export async function setPassword(
  trx: Executor,
  deps: Pick<AppDeps, 'clock'>,
  accountId: string,
  hash: string,
  keepSessionId?: string,
): Promise<void> {
  const now = deps.clock.now().getTime();
  await updatePasswordHash(trx, accountId, hash, now);
  await endEverythingInFlight(trx, deps.clock, accountId, keepSessionId);
}
