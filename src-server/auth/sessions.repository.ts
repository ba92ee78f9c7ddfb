import type { Selectable } from 'kysely';
import type { Executor } from '../db/schema.js';
import type { SessionsTable } from './sessions.table.js';
import { deleteOldestBeforeEither, type DeleteBatch } from '../db/batched-delete.js';

export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSessionByTokenHash(db: Executor, tokenHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Revokes the live session of a token in one statement; returns it, or undefined if none was live. */
export function revokeSessionByTokenHash(db: Executor, tokenHash: string, now: number, kind?: SessionRow['kind']) {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null);
  if (kind) q = q.where('kind', '=', kind);
  return q.returning(['id', 'account_id', 'kind']).executeTakeFirst();
}

export async function revokeSessionsOfAccount(
  db: Executor,
  accountId: string,
  now: number,
  exceptId?: string,
): Promise<number> {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Retention: sessions that expired, or were revoked, before `before`. */
export function deleteSessionsEndedBefore(db: Executor, before: number, batch: DeleteBatch): Promise<number> {
  return deleteOldestBeforeEither(db, 'sessions', ['expires_at', 'revoked_at'], before, batch);
}
