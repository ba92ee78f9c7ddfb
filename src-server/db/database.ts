import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, Db } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * Opens the store named by DATABASE_URL: `sqlite:<path>` (the embedded default; `sqlite::memory:`
 * for a throw-away one) or `postgres://…`.
 */
export function openDatabase(url: string): { db: Db; dialect: Dialect } {
  if (url.startsWith('sqlite:')) return { db: openSqlite(url.slice('sqlite:'.length)), dialect: 'sqlite' };
  if (/^postgres(ql)?:\/\//.test(url)) return { db: openPostgres(url), dialect: 'postgres' };
  throw new Error(`unsupported DATABASE_URL: ${url.split(':')[0]}:…`);
}

function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL: readers never block the writer. busy_timeout: a second process waits for the write lock
  // instead of failing. synchronous=FULL: a committed transaction survives a crash of the machine,
  // not only of the process (cheap at this service's write rate).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

const INT8_OID = 20;

function openPostgres(url: string): Db {
  // Times are epoch milliseconds in bigint columns and counts come back as int8: both fit a JS
  // number exactly (< 2^53), so parse them as numbers — the same shape SQLite gives.
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
