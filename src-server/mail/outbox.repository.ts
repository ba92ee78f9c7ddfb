import type { Selectable } from 'kysely';
import { randomId } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import type { OutboxTable } from './outbox.table.js';

export type OutboxRow = Selectable<OutboxTable>;

export async function insertOutbox(db: Executor, now: number, mail: { to: string; subject: string; body: string }): Promise<string> {
  const id = randomId();
  await db
    .insertInto('outbox')
    .values({ id, to_address: mail.to, subject: mail.subject, body: mail.body, created_at: now, attempts: 0, next_attempt_at: now, sent_at: null, last_error: null })
    .execute();
  return id;
}

export function dueOutbox(db: Executor, now: number, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/**
 * Claims a row for one send: compare-and-set on next_attempt_at, so when several service
 * processes share the database exactly one of them sends it.
 */
export async function claimOutbox(db: Executor, row: OutboxRow, leaseUntil: number): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ next_attempt_at: leaseUntil, attempts: row.attempts + 1 })
    .where('id', '=', row.id)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '=', row.next_attempt_at)
    .where('attempts', '=', row.attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sent: the body (which carries the code) is blanked, so codes do not stay at rest. */
export async function markSent(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('outbox').set({ sent_at: now, body: '', last_error: null }).where('id', '=', id).execute();
}

export async function markFailed(db: Executor, id: string, nextAttemptAt: number, error: string): Promise<void> {
  await db.updateTable('outbox').set({ next_attempt_at: nextAttemptAt, last_error: error.slice(0, 500) }).where('id', '=', id).execute();
}

export function recentOutbox(db: Executor, limit: number): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
