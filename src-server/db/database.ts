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
  // instead of failing. synchronous=NORMAL (SQLite's advice for WAL): a commit survives a crash of
  // the process, and the file is never corrupted; only a power loss or OS crash may undo the last
  // commits. FULL fsyncs on every commit, and better-sqlite3 does that on the event loop: ~5 ms a
  // commit on this disk, 2–3 commits a login, so it capped the service (docs/performance.md).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Kysely prepares every query anew; preparing was ~9% of the service's CPU under load
 * (docs/performance.md). Kysely runs each statement to completion before the next one on its
 * single connection, so a prepared statement can be reused. Bounded: SQL with a variable number
 * of parameters (IN lists, multi-row inserts) makes new texts.
 */
const STATEMENT_CACHE_SIZE = 500;

function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
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
