/**
 * Is this error "the database cannot be reached right now" (answer 503, try again shortly) rather
 * than a bug (500)? Only connection-class failures count; a constraint violation or a syntax
 * error stays a 500.
 */
const NODE_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs (Appendix A): class 08 is "connection exception"; the rest by name. */
const PG_UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a server shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting or in recovery
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: the database is gone (or not yet restored)
  '57014', // query_canceled: statement_timeout, the database is overloaded
]);

/** pg and pg-pool's own messages, which carry no code. */
const PG_UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // "Connection terminated unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect/, // pg-pool: no pooled connection within connectionTimeoutMillis
  /^Query read timeout/, // query_timeout
  /is not queryable/, // a client that already lost its connection
  /not currently accepting connections/, // 55000: ALTER DATABASE … ALLOW_CONNECTIONS false
];

/** SQLite: the write lock was not free within busy_timeout (a long CLI write, a backup). */
const SQLITE_UNAVAILABLE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_TIMEOUT',
  'SQLITE_LOCKED',
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NODE_CONNECTION_CODES.has(code) || SQLITE_UNAVAILABLE_CODES.has(code)) return true;
    if (PG_UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
  }
  if (PG_UNAVAILABLE_MESSAGES.some((re) => re.test(err.message))) return true;
  // AggregateError (a host name with several addresses, all refused) and wrapped causes.
  if (err instanceof AggregateError && err.errors.some(isDatabaseUnavailable)) return true;
  return err.cause !== undefined && err.cause !== err && isDatabaseUnavailable(err.cause);
}
