import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import { R_PW_7_MAILED_KEY_MAX_ATTEMPTS } from '../../src-shared/rules.js';
import type { MailedKeyPurpose, MailedKeysTable } from '../accounts/accounts.table.js';
import type { Executor } from '../db/schema.js';
import { deleteOldestBefore, type DeleteBatch } from '../db/batched-delete.js';

export type MailedKeyRow = Selectable<MailedKeysTable>;

export async function insertMailedKey(db: Executor, row: Insertable<MailedKeysTable>): Promise<void> {
  await db.insertInto('mailed_keys').values(row).execute();
}

/**
 * R-CRED-1: every live key of an account, of every purpose, expires now (a password change or
 * reset, an ID change, a withdrawal). A new request never does this (R-PW-7).
 */
export async function expireMailedKeysOfAccount(db: Executor, accountId: string, now: number): Promise<void> {
  await db
    .updateTable('mailed_keys')
    .set({ expires_at: now })
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/**
 * Counts one try on the live key(s) of an account and ID in ONE statement (UPDATE … RETURNING),
 * before the key is compared: parallel wrong keys, in one process or many, cannot pass the maximum.
 * The ID bounds the rows to those one person asked for (R-PW-7: five an hour), also on the
 * decoy, which holds the keys of every unknown ID (index mailed_keys_account_login, 0013).
 */
export function countMailedKeyTry(
  db: Executor,
  owner: { accountId: string; loginId: string },
  purpose: MailedKeyPurpose,
  now: number,
) {
  return db
    .updateTable('mailed_keys')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('account_id', '=', owner.accountId)
    .where('purpose', '=', purpose)
    .where('login_id', '=', owner.loginId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', R_PW_7_MAILED_KEY_MAX_ATTEMPTS)
    .returning(['id', 'key_hash', 'attempts', 'new_login_id'])
    .execute();
}

/** Single use: true only for the one request that marked it used. */
export async function markMailedKeyUsed(db: Executor, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('mailed_keys')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Retention: mailed keys (reset, re-registration, e-mail change) that expired before `before`. */
export function deleteMailedKeysExpiredBefore(db: Executor, before: number, batch: DeleteBatch): Promise<number> {
  return deleteOldestBefore(db, 'mailed_keys', 'expires_at', before, batch);
}
