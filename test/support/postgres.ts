import pg from 'pg';
import { PG_ADMIN_URL } from './databases.js';

let counter = 0;

/** The URL of database `name` on the test server. */
export function postgresUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh, empty database of its own for one test service (or one multi-process test). */
export async function createPostgresDatabase(): Promise<string> {
  const name = `mypage_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  return name;
}

/**
 * Drops a test database. pg's pool.end() resolves before its sockets have closed, and a forced
 * drop would then kill those backends mid-goodbye (an uncaught "terminating connection due to
 * administrator command" in the test process). So wait for the last session to leave, and
 * force only if it never does.
 */
export async function dropPostgresDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query<{ n: string }>(
        'select count(*) as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (Number(rows[0]?.n) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Faults a client may make on its OWN test database (never on the shared server): end every
 * session connected to it (what a server restart or a failover does to the service's pool)…
 */
export function terminateBackends(name: string): Promise<number> {
  return asAdmin(async (c) => {
    const { rows } = await c.query<{ n: string }>(
      'select count(pg_terminate_backend(pid)) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    return Number(rows[0]?.n ?? 0);
  });
}

/** …and refuse new connections to it until allowed again (the database is "down"). */
export async function allowConnections(name: string, allow: boolean): Promise<void> {
  await asAdmin((c) => c.query(`alter database "${name}" allow_connections ${allow ? 'true' : 'false'}`));
}
