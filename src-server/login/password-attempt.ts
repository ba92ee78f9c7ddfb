import { isReregistrable, R_LOGIN_3_LOCK_MS, R_LOGIN_3_MAX_FAILED_PASSWORDS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import type { AccountRow } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { verifyPassword } from '../crypto/passwords.js';
import type { Executor } from '../db/schema.js';
import { STAND_IN_ACCOUNT_ID } from '../accounts/stand-in.js';
import { enqueueMailOrDrop } from '../mail/mail.service.js';
import { lockedMail } from '../mail/mail-templates.js';
import { deleteLoginFailures, findLoginFailures, takePasswordTry } from './login-failures.repository.js';
import { retryAfterSeconds } from './lockout.service.js';
import { chooseSource, type PasswordSource, type SourceClaim } from './password-source.js';

/** The screens that ask for a password; each is a door to the same counter (R-LOGIN-3, R-LOGIN-6, R-LOGIN-7). */
export type PasswordSurface = 'login' | 'reregistration' | 'settings';

export interface PasswordAttemptInput {
  surface: PasswordSurface;
  /** The normalised ID typed (or the signed-in account's): the counter's key. */
  loginId: string;
  /** The account that ID names, if any: the owner told of a lock (when active). */
  account: AccountRow | undefined;
  /** Whether this surface checks the password of that account (re-registration: withdrawn ones only). */
  verifiable: (account: AccountRow) => boolean;
  password: string;
  claim: SourceClaim;
  ip: string;
}

type Common = { source: PasswordSource; attestationFailed: boolean };
export type PasswordAttempt =
  /** The right password. `clear` forgets this source's failures: call it in the outcome's own transaction. */
  | (Common & { status: 'right'; account: AccountRow; clear: (trx: Executor) => Promise<void> })
  | (Common & {
      status: 'wrong';
      /** Wrong passwords this source may still send before it locks. */ attemptsLeft: number;
    })
  | (Common & { status: 'locked'; retryAfterSeconds: number });

type Deps = Pick<AppDeps, 'db' | 'clock' | 'attestationVerifier' | 'mailQueued'>;

/**
 * The one password check of every surface (login, re-registration, the settings screens'
 * current-password check). In order: the source is chosen after its proof is checked (R-LOGIN-6),
 * a try of that source is reserved atomically BEFORE comparing (R-LOGIN-3: parallel guesses cannot
 * take more than five), the password is verified against the account's hash — or, for an unknown
 * ID or an account this surface does not check, against the stand-in's dummy hash, through the
 * same statements (no enumeration) — and the try that locked mails the owner アカウントロック通知
 * (R-LOGIN-7). Only the reservation that set `locked_until` has `locksNow`, so the mail goes out
 * at most once per lock, whatever the concurrency and whichever surface counted it.
 */
export async function attemptPassword(deps: Deps, input: PasswordAttemptInput): Promise<PasswordAttempt> {
  const { db, clock } = deps;
  const subject = input.account && input.verifiable(input.account) ? input.account : undefined;
  const chosen = await chooseSource(deps, {
    loginId: input.loginId,
    accountId: input.account?.id ?? STAND_IN_ACCOUNT_ID,
    claim: input.claim,
    ip: input.ip,
  });
  const common: Common = { source: chosen.source, attestationFailed: chosen.attestationFailed };
  const audit = { accountId: input.account?.id ?? null, loginId: input.loginId, ip: input.ip };
  const detail = { surface: input.surface, source: chosen.source.kind };

  const now = clock.now().getTime();
  const taken = await takePasswordTry(db, input.loginId, chosen.source.key, now);
  if (!taken) {
    const row = await findLoginFailures(db, input.loginId, chosen.source.key);
    await recordAudit(db, clock, { type: 'password.refused_locked', ...audit, detail });
    return { ...common, status: 'locked', retryAfterSeconds: retryAfterSeconds(row?.locked_until ?? now, now) };
  }
  const locksNow = taken.lockedUntil !== null;

  const ok = await verifyPassword(subject?.password_hash, input.password);
  if (ok && subject) {
    const key = chosen.source.key;
    return {
      ...common,
      status: 'right',
      account: subject,
      clear: (trx) => deleteLoginFailures(trx, input.loginId, key),
    };
  }
  if (!locksNow) {
    await recordAudit(db, clock, { type: 'password.failed', ...audit, detail });
    return { ...common, status: 'wrong', attemptsLeft: Math.max(0, R_LOGIN_3_MAX_FAILED_PASSWORDS - taken.failures) };
  }
  await db.transaction().execute(async (trx) => {
    await recordAudit(trx, clock, { type: 'password.locked', ...audit, detail });
    await tellOwnerOfLock(trx, deps, input.account);
  });
  deps.mailQueued(); // a dropped mail too: the sender's work after the answer must not tell
  return { ...common, status: 'locked', retryAfterSeconds: Math.ceil(R_LOGIN_3_LOCK_MS / 1000) };
}

/**
 * R-LOGIN-7: the owner is mailed — of an active account, and of a withdrawn one within its 30 days
 * (re-registration takes such an account back with its password, so a lock there is someone
 * trying). For an unknown ID, or an account past its 30 days, the same mail row is written as
 * dropped (the stand-in's, never sent), so the locking answer runs the same statements and does not tell.
 */
async function tellOwnerOfLock(trx: Executor, deps: Pick<Deps, 'clock'>, account: AccountRow | undefined) {
  const to = account && ownerHearsOfLock(account, deps.clock.now().getTime()) ? account.login_id : null;
  await enqueueMailOrDrop(trx, deps.clock, to, lockedMail());
}

function ownerHearsOfLock(account: AccountRow, now: number): boolean {
  if (account.status === 'active') return true;
  return account.status === 'withdrawn' && isReregistrable(account.withdrawn_at, now);
}
