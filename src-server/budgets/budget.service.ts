import type { Executor } from '../db/schema.js';
import {
  addBudgetEvent,
  countBudgetEvents,
  dropBudgetEventsBefore,
  holdBudget,
  markBudgetNotified,
} from './budgets.repository.js';

/** A rolling-window budget: at most `limits[kind]` events of each kind within `windowMs`. */
export interface BudgetSpec<K extends string> {
  scope: string;
  windowMs: number;
  limits: Record<K, number>;
}

/** A budget held by the current transaction, with its counts as of the hold. */
export interface HeldBudget<K extends string> {
  spec: BudgetSpec<K>;
  subject: string;
  now: number;
  counts: Record<K, { count: number; oldest: number }>;
}

/**
 * Holds the budget of `subject` (the row lock lasts until the caller's transaction commits) and
 * counts its events in the window. Everything that spends from the budget must run between this
 * and the commit, in the same transaction. The events that left the window are swept by the holder
 * only when the count saw some (about once a window per subject; the retention sweep takes the
 * rest): a statement fewer on every login and OTP check.
 */
export async function holdBudgetOf<K extends string>(
  trx: Executor,
  spec: BudgetSpec<K>,
  subject: string,
  now: number,
): Promise<HeldBudget<K>> {
  const kinds = Object.keys(spec.limits) as K[];
  await holdBudget(trx, subject, spec.scope, now);
  const { inWindow: found, outside } = await countBudgetEvents(trx, subject, kinds, now - spec.windowMs);
  if (outside > 0) await dropBudgetEventsBefore(trx, subject, kinds, now - spec.windowMs);
  const counts = Object.fromEntries(
    kinds.map((k) => [k, found.get(k) ?? { count: 0, oldest: now }]),
  ) as HeldBudget<K>['counts'];
  return { spec, subject, now, counts };
}

export function isSpent<K extends string>(b: HeldBudget<K>, kind: K): boolean {
  return b.counts[kind].count >= b.spec.limits[kind];
}

/** Seconds until every spent kind among `kinds` has a free slot again (the oldest event leaves the window). */
export function secondsUntilFree<K extends string>(b: HeldBudget<K>, kinds: readonly K[]): number {
  const waits = kinds.filter((k) => isSpent(b, k)).map((k) => b.counts[k].oldest + b.spec.windowMs - b.now);
  return Math.max(1, Math.ceil(Math.max(0, ...waits) / 1000));
}

/** Spends one slot of `kind` (the caller checked `isSpent` first, under the same hold). */
export async function spendBudget<K extends string>(trx: Executor, b: HeldBudget<K>, kind: K): Promise<void> {
  await addBudgetEvent(trx, b.subject, kind, b.now);
  const c = b.counts[kind];
  b.counts[kind] = { count: c.count + 1, oldest: c.count === 0 ? b.now : c.oldest };
}

/** True once per window: the caller then mails the owner that the budget ran out. */
export function claimBudgetNotice<K extends string>(trx: Executor, b: HeldBudget<K>): Promise<boolean> {
  return markBudgetNotified(trx, b.subject, b.spec.scope, b.now, b.spec.windowMs);
}
