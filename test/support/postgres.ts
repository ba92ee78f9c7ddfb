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
      const { rows } = await client.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
      if (Number(rows[0]?.n) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
