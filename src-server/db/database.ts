import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import { DB_TIMEOUTS, type DbTimeouts } from '../config.js';
import type { Database, Db } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface OpenOptions {
  timeouts?: DbTimeouts;
  /**
   * A pooled PostgreSQL connection failed outside a query (the server restarted, an idle timeout,
   * pg_terminate_backend). The pool drops it and the next query connects anew; this only reports.
   */
  onConnectionError?: (err: Error) => void;
}

/**
 * Opens the store named by DATABASE_URL: `sqlite:<path>` (the embedded default; `sqlite::memory:`
 * for a throw-away one) or `postgres://…`.
 */
export function openDatabase(url: string, options: OpenOptions = {}): { db: Db; dialect: Dialect } {
  if (url.startsWith('sqlite:')) return { db: openSqlite(url.slice('sqlite:'.length)), dialect: 'sqlite' };
  if (/^postgres(ql)?:\/\//.test(url)) return { db: openPostgres(url, options), dialect: 'postgres' };
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
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Kysely's SqliteDriver begins transactions DEFERRED: the write lock is taken at the first write,
 * and if another connection (a `mypage` CLI command) committed since this transaction's first
 * read, that write fails at once with SQLITE_BUSY_SNAPSHOT — busy_timeout cannot help, the
 * snapshot is stale. BEGIN IMMEDIATE takes the write lock at BEGIN, waiting up to busy_timeout
 * for it, so a transaction never has to upgrade. Reads outside transactions are unaffected
 * (WAL). Every transaction of the service writes, so nothing is serialised that was not already:
 * SQLite has one writer.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
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

function openPostgres(url: string, options: OpenOptions): Db {
  const t = options.timeouts ?? DB_TIMEOUTS;
  const report =
    options.onConnectionError ??
    ((err: Error) => console.warn(`mypage: database connection lost (${err.message}); reconnecting on the next query`));
  // Times are epoch milliseconds in bigint columns and counts come back as int8: both fit a JS
  // number exactly (< 2^53), so parse them as numbers — the same shape SQLite gives.
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- pg's own parsers are typed `any`
      oid === INT8_OID
        ? (v: string) => Number(v)
        : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types,
    // Connecting, and waiting for a free pooled connection, give up after connectMs: while the
    // database is unreachable a request answers 503 within ~3 s instead of hanging.
    connectionTimeoutMillis: t.connectMs,
    // The server cancels a statement after statementMs; the client stops waiting a little later
    // (a server that stopped answering at all, e.g. a network partition).
    statement_timeout: t.statementMs,
    query_timeout: t.statementMs + 1_000,
    idleTimeoutMillis: t.idleMs,
    keepAlive: true,
  });
  // Without these listeners a dropped connection is an unhandled 'error' event: the process dies.
  // pg-pool listens on idle clients itself (and removes them) but re-emits on the pool; a client
  // that is checked out (between the statements of a transaction) emits on itself — the query in
  // flight fails, the pool discards the client on release (it is no longer queryable).
  pool.on('connect', (client) => client.on('error', (err) => report(err)));
  pool.on('error', () => undefined); // the same error, already reported by the client's listener
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
