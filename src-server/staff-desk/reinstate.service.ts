import { isReregistrable, R_PW_3_RESET_KEY_TTL_MS, R_REREG_2_REFUSED_FROM_MS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import { endEverythingInFlight } from '../accounts/credentials-in-flight.js';
import { recoveryTarget } from '../accounts/decoy-account.js';
import { hashPassword } from '../crypto/passwords.js';
import { randomToken } from '../crypto/tokens.js';
import { deleteKnownBrowsersOfAccount } from '../login/known-browsers.repository.js';
import { clearLockout } from '../login/lockout.service.js';
import { mailKey } from '../recovery/mailed-keys.service.js';
import { resetKeyMail } from '../recovery/recovery-mails.js';
import type { StaffActor } from '../staff/require-staff.js';
import { recordStaffAudit } from '../staff/staff-audit.js';
import { findEmployer, markReinstated } from './employers.repository.js';
import { officeScope } from './employers.service.js';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'mailQueued'>;

export type ReinstateOutcome =
  { status: 'reinstated'; mailed: boolean } | { status: 'not_found' } | { status: 'not_reinstatable' };

/**
 * 利用再開 of an account withdrawn 31 days ago or more (R-REREG-2: online re-registration is
 * closed from then on; the seed sends the employer to the office). Active again, but with none of
 * what it had: its password hash becomes one of a random secret nobody holds, everything in flight
 * ends (R-CRED-1: sessions, device trusts, challenges, keys), its known browsers and lock-outs go.
 * Then a password-reset key is mailed to its address: R-PW-1, R-PW-2, R-PW-3 and R-PW-5 from
 * there. The mail spends the staff's own budget (R-PW-7: per account, R_PW_7_STAFF_MAX_MAILS an
 * hour), never the public one a stranger can spend; `mailed` says whether it went, and the console
 * says so. argon2 runs before the transaction (SQLite has one writer).
 */
export async function reinstateEmployer(deps: Deps, actor: StaffActor, ref: string): Promise<ReinstateOutcome> {
  const { db, clock } = deps;
  const found = await findEmployer(db, { officeId: officeScope(actor), ref, now: clock.now().getTime() });
  if (!found) return { status: 'not_found' };
  if (found.status !== 'withdrawn' || isReregistrable(found.withdrawn_at, clock.now().getTime()))
    return { status: 'not_reinstatable' };
  const unusable = await hashPassword(randomToken());
  const done = await db.transaction().execute(async (trx) => {
    const now = clock.now().getTime();
    if (
      !(await markReinstated(trx, {
        accountId: found.id,
        hash: unusable,
        withdrawnBy: now - R_REREG_2_REFUSED_FROM_MS,
        now,
      }))
    )
      return false;
    await endEverythingInFlight(trx, clock, found.id);
    await deleteKnownBrowsersOfAccount(trx, found.id);
    await clearLockout(trx, found.login_id);
    await recordStaffAudit(trx, clock, actor, { type: 'staff.reinstated', accountId: found.id });
    return true;
  });
  if (!done) return { status: 'not_reinstatable' };
  const target = recoveryTarget(found);
  const mailed = await mailKey(
    db,
    clock,
    {
      budget: { kind: 'staff', subject: found.id },
      purpose: 'reset',
      target,
      loginId: found.login_id,
      ttlMs: R_PW_3_RESET_KEY_TTL_MS,
      content: resetKeyMail,
    },
    (trx, sent) =>
      recordStaffAudit(trx, clock, actor, {
        type: 'password_reset.requested',
        accountId: found.id,
        loginId: found.login_id,
        detail: { mailed: sent, by: 'staff' },
      }),
  );
  if (mailed) deps.mailQueued();
  return { status: 'reinstated', mailed };
}
