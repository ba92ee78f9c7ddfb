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

/**
 * The outbox at a glance (metrics, readiness): mail waiting, mail whose last attempt failed, mail
 * sent (kept until the retention sweep), and when the oldest waiting mail was queued.
 */
export async function outboxStats(db: Executor): Promise<{ unsent: number; failing: number; sent: number; oldestUnsentAt: number | null }> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn.count<number>(eb.case().when('sent_at', 'is', null).then(1).end()).as('unsent'),
      eb.fn.count<number>(eb.case().when(eb.and([eb('sent_at', 'is', null), eb('last_error', 'is not', null)])).then(1).end()).as('failing'),
      eb.fn.count<number>('sent_at').as('sent'),
      eb.fn.min<number | null>(eb.case().when('sent_at', 'is', null).then(eb.ref('created_at')).end()).as('oldest'),
    ])
    .executeTakeFirstOrThrow();
  return { unsent: Number(row.unsent), failing: Number(row.failing), sent: Number(row.sent), oldestUnsentAt: row.oldest === null ? null : Number(row.oldest) };
}

/**
 * Since when the longest-waiting due mail has been due (not leased by a sender, not waiting out a
 * backoff), or null. A failed attempt moves next_attempt_at forward, so a down SMTP server does
 * not make this old; only senders that stopped picking mail up (or died holding a lease) do.
 */
export async function oldestDueSince(db: Executor, now: number): Promise<number | null> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min<number | null>('next_attempt_at').as('since'))
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return row?.since == null ? null : Number(row.since);
}
