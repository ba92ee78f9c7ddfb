import pg from 'pg';
import { describe } from 'vitest';

/**
 * The databases the service's tests run on. PostgreSQL is the one at 127.0.0.1:5432 (user
 * postgres, trust auth; override with MYPAGE_TEST_PG_ADMIN_URL); each test service gets a fresh
 * database of its own there, dropped on close. When it does not answer, its half of every suite
 * says it is skipped and why.
 */
export type TestDatabase = 'sqlite' | 'postgres';
export const databases: TestDatabase[] = ['sqlite', 'postgres'];

export const PG_ADMIN_URL = process.env.MYPAGE_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return `PostgreSQL does not answer at ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')} (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why a database cannot be used here, or undefined when it can. */
export const postgresSkipReason: string | undefined = await probePostgres();

export function skipReason(database: TestDatabase): string | undefined {
  return database === 'postgres' ? postgresSkipReason : undefined;
}

/**
 * `describe.each(databases)` with the skip said out loud:
 *   describeEachDatabase('login', (database) => { it('R-LOGIN-3: …', …) })
 */
export function describeEachDatabase(title: string, body: (database: TestDatabase) => void): void {
  describe.each(databases)(`${title} [%s]`, (database) => {
    const reason = skipReason(database);
    if (reason) console.warn(`[skipped on ${database}] ${title}: ${reason}`);
    describe.skipIf(reason !== undefined)(database, () => body(database));
  });
}
