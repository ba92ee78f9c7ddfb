import { sql } from 'kysely';
import { R_LOGIN_3_LOCK_MS, R_LOGIN_3_MAX_FAILED_PASSWORDS } from '../../src-shared/rules.js';
import type { Executor } from '../db/schema.js';

/**
 * R-LOGIN-3, R-LOGIN-6 in one statement: takes one of the five password tries of `loginId` from `source`
 * before the password is checked. The upsert runs under the row lock (PostgreSQL) or the write
 * lock (SQLite), so parallel requests — in one process or many — can never take more than five
 * per source: the fifth sets locked_until, and from then on the WHERE refuses and nothing is
 * returned. A lock that has run out starts a fresh count.
 */
export async function takePasswordTry(
  db: Executor,
  loginId: string,
  source: string,
  now: number,
): Promise<{ failures: number; lockedUntil: number | null } | undefined> {
  const max = R_LOGIN_3_MAX_FAILED_PASSWORDS;
  const lockUntil = now + R_LOGIN_3_LOCK_MS;
  const expired = sql<boolean>`login_failures.locked_until is not null and login_failures.locked_until <= ${now}`;
  const row = await db
    .insertInto('login_failures')
    .values({ login_id: loginId, source, failures: 1, locked_until: max <= 1 ? lockUntil : null, updated_at: now })
    .onConflict((oc) =>
      oc
        .columns(['login_id', 'source'])
        .doUpdateSet({
          failures: sql<number>`case when ${expired} then 1 else login_failures.failures + 1 end`,
          locked_until: sql<
            number | null
          >`case when ${expired} then null when login_failures.failures + 1 >= ${max} then ${lockUntil} else login_failures.locked_until end`,
          updated_at: now,
        })
        .where(sql<boolean>`login_failures.locked_until is null or login_failures.locked_until <= ${now}`),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirst();
  return row ? { failures: row.failures, lockedUntil: row.locked_until } : undefined;
}

export function findLoginFailures(db: Executor, loginId: string, source: string) {
  return db
    .selectFrom('login_failures')
    .selectAll()
    .where('login_id', '=', loginId)
    .where('source', '=', source)
    .executeTakeFirst();
}

/** Every source's count of an ID (the CLI's `unlock` reports them). */
export function listLoginFailures(db: Executor, loginId: string) {
  return db.selectFrom('login_failures').selectAll().where('login_id', '=', loginId).execute();
}

/** Forgets the failures of one source of an ID: the right password from that source. */
export async function deleteLoginFailures(db: Executor, loginId: string, source: string): Promise<void> {
  await db.deleteFrom('login_failures').where('login_id', '=', loginId).where('source', '=', source).execute();
}

/** Forgets the failures of every source of an ID: an unlock, a completed reset or re-registration. */
export async function deleteAllLoginFailures(db: Executor, loginId: string): Promise<void> {
  await db.deleteFrom('login_failures').where('login_id', '=', loginId).execute();
}

/** How many IDs are locked right now for at least one source (R-LOGIN-3, R-LOGIN-6; the metrics' lock-out gauge). */
export async function countLockedIds(db: Executor, now: number): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.count<number>('login_id').distinct().as('n'))
    .where('locked_until', '>', now)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
