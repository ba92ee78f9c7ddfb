import { sql } from 'kysely';
import type { Executor } from '../db/schema.js';
import { deleteOldestBefore, type DeleteBatch } from '../db/batched-delete.js';

/**
 * Holds a budget for the rest of the transaction: an upsert of its hold row, which takes the row
 * lock (PostgreSQL) or the write lock (SQLite) until the commit. Every request that counts or adds
 * an event of the budget holds it first, so count-then-add is exact under parallel requests, in one
 * process or many. Call it as the transaction's FIRST statement (SQLite upgrades no read lock then).
 */
export async function holdBudget(
  trx: Executor,
  subject: string,
  scope: string,
  now: number,
): Promise<{ notifiedAt: number | null }> {
  const row = await trx
    .insertInto('budget_holds')
    .values({ subject, scope, held_at: now, notified_at: null })
    .onConflict((oc) => oc.columns(['subject', 'scope']).doUpdateSet({ held_at: now }))
    .returning(['notified_at'])
    .executeTakeFirstOrThrow();
  return { notifiedAt: row.notified_at };
}

/**
 * Per kind: how many events since `since`, and the oldest of them (when the first slot frees); and
 * how many older events are still stored (`outside`: the caller sweeps them when there are any).
 */
export async function countBudgetEvents(
  trx: Executor,
  subject: string,
  kinds: readonly string[],
  since: number,
): Promise<{ inWindow: Map<string, { count: number; oldest: number }>; outside: number }> {
  const rows = await trx
    .selectFrom('budget_events')
    .select([
      'kind',
      sql<number>`sum(case when at > ${since} then 1 else 0 end)`.as('n'),
      sql<number | null>`min(case when at > ${since} then at end)`.as('oldest'),
      sql<number>`count(*)`.as('stored'),
    ])
    .where('subject', '=', subject)
    .where('kind', 'in', kinds)
    .groupBy('kind')
    .execute();
  const inWindow = new Map(
    rows.filter((r) => Number(r.n) > 0).map((r) => [r.kind, { count: Number(r.n), oldest: Number(r.oldest) }]),
  );
  return { inWindow, outside: rows.reduce((sum, r) => sum + Number(r.stored) - Number(r.n), 0) };
}

export async function addBudgetEvent(trx: Executor, subject: string, kind: string, at: number): Promise<void> {
  await trx.insertInto('budget_events').values({ subject, kind, at }).execute();
}

/** Events older than the window count for nothing; the holder of the budget sweeps them. */
export async function dropBudgetEventsBefore(
  trx: Executor,
  subject: string,
  kinds: readonly string[],
  before: number,
): Promise<void> {
  await trx
    .deleteFrom('budget_events')
    .where('subject', '=', subject)
    .where('kind', 'in', kinds)
    .where('at', '<=', before)
    .execute();
}

/** Forgets the events of some kinds (R-CRED-1: a new password ends what the old one started). */
export async function dropBudgetEvents(trx: Executor, subject: string, kinds: readonly string[]): Promise<void> {
  await trx.deleteFrom('budget_events').where('subject', '=', subject).where('kind', 'in', kinds).execute();
}

/** Marks the owner told, unless they were told within the window. True for the one that marked it. */
export async function markBudgetNotified(
  trx: Executor,
  subject: string,
  scope: string,
  now: number,
  windowMs: number,
): Promise<boolean> {
  const r = await trx
    .updateTable('budget_holds')
    .set({ notified_at: now })
    .where('subject', '=', subject)
    .where('scope', '=', scope)
    .where((eb) => eb.or([eb('notified_at', 'is', null), eb('notified_at', '<=', now - windowMs)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Retention: events older than every budget's window count for nothing anywhere (ops/retention.ts). */
export function deleteBudgetEventsBefore(db: Executor, before: number, batch: DeleteBatch): Promise<number> {
  return deleteOldestBefore(db, 'budget_events', 'at', before, batch);
}
