import type { Selectable } from 'kysely';
import { randomId } from '../crypto/tokens.js';
import type { Dialect } from '../db/database.js';
import type { Executor } from '../db/schema.js';
import type { OutboxTable } from './outbox.table.js';
import { deleteOldestBeforeEither, type DeleteBatch } from '../db/batched-delete.js';

export type OutboxRow = Selectable<OutboxTable>;

/** A decoy's dropped mail has no address: it never goes anywhere. */
export const DROPPED_ADDRESS = '';

export const isDropped = (row: Pick<OutboxRow, 'to_address'>): boolean => row.to_address === DROPPED_ADDRESS;

/**
 * `dropped`: the mail of a decoy (accounts/decoy-account.ts) — the same INSERT, with no address. The
 * sender takes it like any other mail and composes it, but hands it to nowhere (outbox-sender.ts):
 * the work after a request is the same for a known and an unknown ID, not only the request itself.
 */
export async function insertOutbox(
  db: Executor,
  now: number,
  mail: { to: string; subject: string; body: string; dropped?: boolean },
): Promise<string> {
  const id = randomId();
  const dropped = mail.dropped === true;
  await db
    .insertInto('outbox')
    .values({
      id,
      to_address: dropped ? DROPPED_ADDRESS : mail.to,
      subject: mail.subject,
      body: mail.body,
      created_at: now,
      attempts: 0,
      next_attempt_at: now,
      claimed_until: null,
      sent_at: null,
      failed_at: null,
      last_error: null,
    })
    .execute();
  return id;
}

/**
 * Claims the longest-due row for one send, in one statement: its lease (`claimed_until`) moves
 * into the future and its attempt is counted. On PostgreSQL the row is picked `FOR UPDATE SKIP
 * LOCKED`, so several senders (instances) claim different rows without waiting on each other, and
 * each row is claimed by exactly one of them until its lease runs out (without the lock, two
 * senders pick the same row and both UPDATEs succeed). SQLite has one writer, so the same
 * UPDATE … WHERE id = (SELECT …) is already one claim at a time. `only: 'dropped'`: a service
 * without SMTP completes the decoys' rows only; its real mail stays for the dev mailbox.
 */
export async function claimNextOutbox(
  db: Executor,
  dialect: Dialect,
  now: number,
  leaseUntil: number,
  only: 'all' | 'dropped' = 'all',
): Promise<OutboxRow | undefined> {
  // SQLite: a read first, so an idle poll (most of them) never takes the one write lock.
  if (dialect === 'sqlite' && !(await dueIds(db, now, only).limit(1).executeTakeFirst())) return undefined;
  return db
    .updateTable('outbox')
    .set((eb) => ({ claimed_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', () =>
      dueIds(db, now, only)
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .limit(1)
        .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
    )
    .returningAll()
    .executeTakeFirst();
}

/** The ids of mail due now: not sent, not refused, not leased (or its lease run out). */
function dueIds(db: Executor, now: number, only: 'all' | 'dropped') {
  return db
    .selectFrom('outbox')
    .select('id')
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', now)]))
    .$if(only === 'dropped', (q) => q.where('to_address', '=', DROPPED_ADDRESS));
}

/** Sent: the body (which carries the code) is blanked, so codes do not stay at rest. */
export async function markSent(db: Executor, id: string, now: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ sent_at: now, body: '', last_error: null, claimed_until: null })
    .where('id', '=', id)
    .execute();
}

/** Not sent this time (a 4xx, a refused or dropped connection): due again at `nextAttemptAt`. */
export async function markRetry(db: Executor, id: string, nextAttemptAt: number, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: nextAttemptAt, last_error: error.slice(0, 500), claimed_until: null })
    .where('id', '=', id)
    .execute();
}

/** Refused for good (a 5xx): kept with the reason, never retried; the body (the code) is blanked. */
export async function markFailed(db: Executor, id: string, now: number, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ failed_at: now, body: '', last_error: error.slice(0, 500), claimed_until: null })
    .where('id', '=', id)
    .execute();
}

/** Mail that went, or is going, to someone: the dev mailbox lists these, never a decoy's dropped rows. */
export function recentOutbox(db: Executor, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '<>', DROPPED_ADDRESS)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The outbox at a glance (metrics, readiness): mail waiting, mail whose last attempt failed (and
 * will be retried), mail refused for good, mail sent (kept until the retention sweep), and when
 * the oldest waiting mail was queued.
 */
export async function outboxStats(
  db: Executor,
): Promise<{ unsent: number; failing: number; failed: number; sent: number; oldestUnsentAt: number | null }> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => {
      // A decoy's dropped mail is nobody's: neither waiting nor sent for the operators.
      const real = eb('to_address', '<>', DROPPED_ADDRESS);
      const waiting = eb.and([eb('sent_at', 'is', null), eb('failed_at', 'is', null), real]);
      return [
        eb.fn.count<number>(eb.case().when(waiting).then(1).end()).as('unsent'),
        eb.fn
          .count<number>(
            eb
              .case()
              .when(eb.and([waiting, eb('last_error', 'is not', null)]))
              .then(1)
              .end(),
          )
          .as('failing'),
        eb.fn.count<number>('failed_at').as('failed'),
        eb.fn
          .count<number>(
            eb
              .case()
              .when(eb.and([eb('sent_at', 'is not', null), real]))
              .then(1)
              .end(),
          )
          .as('sent'),
        eb.fn.min<number | null>(eb.case().when(waiting).then(eb.ref('created_at')).end()).as('oldest'),
      ];
    })
    .executeTakeFirstOrThrow();
  return {
    unsent: Number(row.unsent),
    failing: Number(row.failing),
    failed: Number(row.failed),
    sent: Number(row.sent),
    oldestUnsentAt: row.oldest === null ? null : Number(row.oldest),
  };
}

/**
 * Since when the longest-waiting due mail has been due (not leased by a sender, not waiting out a
 * backoff, not refused for good), or null. A failed attempt moves next_attempt_at forward, so a
 * down SMTP server does not make this old; only senders that stopped picking mail up (or died
 * holding a lease, once it has run out) do.
 */
export async function oldestDueSince(db: Executor, now: number): Promise<number | null> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min<number | null>('next_attempt_at').as('since'))
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', now)]))
    .executeTakeFirst();
  return row?.since == null ? null : Number(row.since);
}

/** Retention: mail SMTP accepted, or refused for good, before `before` (its body, the code, was blanked then). */
export function deleteMailDoneBefore(db: Executor, before: number, batch: DeleteBatch): Promise<number> {
  return deleteOldestBeforeEither(db, 'outbox', ['sent_at', 'failed_at'], before, batch);
}
