import type { Executor } from '../db/schema.js';
import { deleteOldestBefore, type DeleteBatch } from '../db/batched-delete.js';

/**
 * R-LOGIN-6: the known-browser marker of one account, by its token's sha256. One browser may be
 * known to several accounts (one row each, one token); a sign-in renews its row.
 */
export async function upsertKnownBrowser(
  db: Executor,
  row: { id: string; tokenHash: string; accountId: string; now: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('known_browsers')
    .values({
      id: row.id,
      token_hash: row.tokenHash,
      account_id: row.accountId,
      created_at: row.now,
      last_seen_at: row.now,
      expires_at: row.expiresAt,
    })
    .onConflict((oc) =>
      oc.columns(['token_hash', 'account_id']).doUpdateSet({ last_seen_at: row.now, expires_at: row.expiresAt }),
    )
    .execute();
}

/** The id of the live marker row for this token and account, if there is one. */
export async function findKnownBrowserId(
  db: Executor,
  tokenHash: string,
  accountId: string,
  now: number,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('known_browsers')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .where('account_id', '=', accountId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.id;
}

/** Was this token ever issued as a marker (to any account)? */
export async function knownBrowserTokenExists(db: Executor, tokenHash: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('known_browsers')
      .select('id')
      .where('token_hash', '=', tokenHash)
      .limit(1)
      .executeTakeFirst()) !== undefined
  );
}

/** Retention: markers past their 400 days name no source any more (ops/retention.ts). */
export function deleteKnownBrowsersExpiredBefore(db: Executor, before: number, batch: DeleteBatch): Promise<number> {
  return deleteOldestBefore(db, 'known_browsers', 'expires_at', before, batch);
}

/** Every marker of an account: a reinstated account starts with no known browser (staff 利用再開). */
export async function deleteKnownBrowsersOfAccount(db: Executor, accountId: string): Promise<void> {
  await db.deleteFrom('known_browsers').where('account_id', '=', accountId).execute();
}
