import type { Selectable } from 'kysely';
import type { AccountsTable } from '../accounts/accounts.table.js';
import { DECOY_ACCOUNT_ID } from '../accounts/decoy-account.js';
import type { Executor } from '../db/schema.js';

/** The employers of the staff console: always within one office (or every office: `officeId` null), never the decoy. */
export type EmployerRow = Selectable<AccountsTable> & { office: string; locked: number };

/** The office's employers (or every office's), with `locked`; the base of every lookup here. */
export function employers(db: Executor, officeId: string | null, now: number) {
  let q = db
    .selectFrom('accounts')
    .innerJoin('offices', 'offices.id', 'accounts.office_id')
    .selectAll('accounts')
    .select('offices.name as office')
    .select((eb) =>
      eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('login_failures')
              .select('login_id')
              .whereRef('login_failures.login_id', '=', 'accounts.login_id')
              .where('locked_until', '>', now),
          ),
        )
        .then(1)
        .else(0)
        .end()
        .as('locked'),
    )
    .where('accounts.id', '!=', DECOY_ACCOUNT_ID);
  if (officeId !== null) q = q.where('accounts.office_id', '=', officeId);
  return q;
}

/** One employer by its ref, if it is in the office (undefined alike for none and another office's). */
export function findEmployer(
  db: Executor,
  input: { officeId: string | null; ref: string; now: number },
): Promise<EmployerRow | undefined> {
  return employers(db, input.officeId, input.now).where('accounts.id', '=', input.ref).executeTakeFirst();
}

/**
 * 利用再開: a withdrawn account withdrawn at or before `withdrawnBy` is active again with `hash`
 * (of a secret nobody knows). One statement, so two staff members racing reinstate it once.
 */
export async function markReinstated(
  db: Executor,
  input: { accountId: string; hash: string; withdrawnBy: number; now: number },
): Promise<boolean> {
  const r = await db
    .updateTable('accounts')
    .set({
      status: 'active',
      withdrawn_at: null,
      password_hash: input.hash,
      password_changed_at: input.now,
      updated_at: input.now,
    })
    .where('id', '=', input.accountId)
    .where('status', '=', 'withdrawn')
    .where('withdrawn_at', '<=', input.withdrawnBy)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * 操作履歴: the newest audit events of an account: by its id, or naming its current ID without
 * naming any account (e.g. the CLI's `unlock`) — never another account's rows under the same ID.
 */
export function employerEvents(db: Executor, input: { accountId: string; loginId: string; limit: number }) {
  return db
    .selectFrom('audit_events')
    .select(['at', 'type', 'id'])
    .where((eb) =>
      eb.or([
        eb('account_id', '=', input.accountId),
        eb.and([eb('account_id', 'is', null), eb('login_id', '=', input.loginId)]),
      ]),
    )
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit)
    .execute();
}
