import type { Selectable } from 'kysely';
import { randomId } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import type { AccountsTable } from './accounts.table.js';
import { companySearchKey } from './company-search.js';

export type AccountRow = Selectable<AccountsTable>;

export function findAccountByLoginId(db: Executor, loginId: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('login_id', '=', loginId).executeTakeFirst();
}

export function findAccountById(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The one writer of `company`: `company_search` (求人者検索's form of it) is derived here, never passed. */
export async function insertAccount(db: Executor, row: Omit<AccountRow, 'company_search'>): Promise<void> {
  await db
    .insertInto('accounts')
    .values({ ...row, company_search: companySearchKey(row.company) })
    .execute();
}

/** The office's id, creating the office on first use (safe when two processes race). */
export async function ensureOffice(db: Executor, name: string): Promise<string> {
  await db
    .insertInto('offices')
    .values({ id: randomId(), name })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('offices').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}

/** Withdrawal: an active account is withdrawn from `now`; false when it was not active. */
export function markWithdrawn(db: Executor, accountId: string, now: number): Promise<boolean> {
  return moveStatus(db, accountId, { from: 'active', to: 'withdrawn', withdrawnAt: now }, now);
}

/** Re-registration (R-REREG-1): a withdrawn account is active again; false when it was not withdrawn. */
export function markReregistered(db: Executor, accountId: string, now: number): Promise<boolean> {
  return moveStatus(db, accountId, { from: 'withdrawn', to: 'active', withdrawnAt: null }, now);
}

/** One statement, so two requests racing on the same account move it once (the loser gets false). */
async function moveStatus(
  db: Executor,
  accountId: string,
  move: { from: AccountRow['status']; to: AccountRow['status']; withdrawnAt: number | null },
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('accounts')
    .set({ status: move.to, withdrawn_at: move.withdrawnAt, updated_at: now })
    .where('id', '=', accountId)
    .where('status', '=', move.from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updatePasswordHash(db: Executor, accountId: string, hash: string, now: number): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ password_hash: hash, password_changed_at: now, updated_at: now })
    .where('id', '=', accountId)
    .execute();
}

export async function updateLoginId(db: Executor, accountId: string, loginId: string, now: number): Promise<void> {
  await db.updateTable('accounts').set({ login_id: loginId, updated_at: now }).where('id', '=', accountId).execute();
}

export async function officeName(db: Executor, officeId: string): Promise<string> {
  return (await db.selectFrom('offices').select('name').where('id', '=', officeId).executeTakeFirstOrThrow()).name;
}
