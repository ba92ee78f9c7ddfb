import { isReregistrable, R_PW_7_MAILED_KEY_TTL_MS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import { findAccountByLoginId, markReregistered } from '../accounts/accounts.repository.js';
import { auditedAccountId, recoveryTarget } from '../accounts/decoy-account.js';
import { recordAudit } from '../audit/audit.repository.js';
import { revokeAllDeviceTrusts } from '../device-trust/device-trust.repository.js';
import { clearLockout } from '../login/lockout.service.js';
import { attemptPassword } from '../login/password-attempt.js';
import { markMailedKeyUsed } from './mailed-keys.repository.js';
import { checkMailedKey, mailKey } from './mailed-keys.service.js';
import { reregKeyMail } from './recovery-mails.js';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'mailQueued' | 'attestationVerifier'>;

export type ReregRequestOutcome =
  | { status: 'mailed' }
  | { status: 'invalid_credentials' }
  | { status: 'locked'; retryAfterSeconds: number }
  | { status: 'reregistration_expired' };

/**
 * R-REREG-1: former ID and password. The password is a secret like at login, so it goes through
 * the same attemptPassword (R-LOGIN-3, R-LOGIN-6, R-LOGIN-7: a try of the same counters, the lock mail), checked
 * against withdrawn accounts only: a wrong password, an unknown ID and an active account all
 * answer `invalid_credentials` after a real argon2 verify (the decoy's dummy hash when there is
 * nothing to verify against). Only after the correct password does the answer say "expired".
 */
export async function requestReregistration(
  deps: Deps,
  input: { loginId: string; password: string; knownBrowserToken?: string | undefined; ip: string },
): Promise<ReregRequestOutcome> {
  const { db, clock } = deps;
  const found = await findAccountByLoginId(db, input.loginId);
  const attempt = await attemptPassword(deps, {
    screen: 'reregistration',
    loginId: input.loginId,
    account: found,
    verifiable: (a) => a.status === 'withdrawn',
    password: input.password,
    evidence: { knownBrowserToken: input.knownBrowserToken },
    ip: input.ip,
  });
  if (attempt.status === 'locked') return { status: 'locked', retryAfterSeconds: attempt.retryAfterSeconds };
  if (attempt.status === 'wrong') return { status: 'invalid_credentials' };
  const { account, forgetFailures } = attempt;
  // The right password forgets its source's failures in the transaction of each outcome.
  if (!isReregistrable(account.withdrawn_at, clock.now().getTime())) {
    await db.transaction().execute(async (trx) => {
      await forgetFailures(trx);
      await recordAudit(trx, clock, {
        type: 'reregistration.expired',
        accountId: account.id,
        loginId: input.loginId,
        ip: input.ip,
      });
    });
    return { status: 'reregistration_expired' };
  }
  // R-PW-7: past five mails an hour, the same answer and no mail.
  const mailed = await mailKey(
    db,
    clock,
    {
      budget: { kind: 'public', subject: account.id },
      purpose: 'rereg',
      target: recoveryTarget(account),
      loginId: account.login_id,
      ttlMs: R_PW_7_MAILED_KEY_TTL_MS,
      content: reregKeyMail,
    },
    async (trx, sent) => {
      await forgetFailures(trx);
      await recordAudit(trx, clock, {
        type: 'reregistration.requested',
        accountId: account.id,
        loginId: input.loginId,
        ip: input.ip,
        detail: { mailed: sent },
      });
    },
  );
  if (mailed) deps.mailQueued();
  return { status: 'mailed' };
}

/**
 * R-REREG-1: the mailed key makes the account active again. R-OTP-4: no device trust of before
 * survives (withdrawal deleted them; deleted again here so the rule does not rest on that). An
 * unknown ID, or an account that cannot be re-registered, checks the key against the decoy's
 * keys of that ID: the same statements and rows, never a match that counts.
 */
export async function completeReregistration(
  deps: Deps,
  input: { loginId: string; key: string; ip: string },
): Promise<{ status: 'done' } | { status: 'key_invalid' }> {
  const { db, clock } = deps;
  const found = await findAccountByLoginId(db, input.loginId);
  const account =
    found?.status === 'withdrawn' && isReregistrable(found.withdrawn_at, clock.now().getTime()) ? found : undefined;
  const target = recoveryTarget(account);
  const owner = { accountId: target.accountId, loginId: input.loginId };
  const check = await checkMailedKey(db, clock, owner, 'rereg', input.key);
  if (!check.ok || !account) {
    await recordAudit(db, clock, {
      type: 'reregistration.key_refused',
      accountId: auditedAccountId(target),
      loginId: input.loginId,
      ip: input.ip,
    });
    return { status: 'key_invalid' };
  }
  const done = await db.transaction().execute(async (trx) => {
    const now = clock.now().getTime();
    if (!(await markMailedKeyUsed(trx, check.keyId, now))) return false;
    if (!(await markReregistered(trx, account.id, now))) return false;
    await revokeAllDeviceTrusts(trx, account.id);
    await clearLockout(trx, account.login_id);
    await recordAudit(trx, clock, {
      type: 'reregistration.completed',
      accountId: account.id,
      loginId: account.login_id,
      ip: input.ip,
    });
    return true;
  });
  return done ? { status: 'done' } : { status: 'key_invalid' };
}
