import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../src-server/db/faults.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('Deploy: which database errors answer 503 (unavailable) and which stay 500 (a bug)', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['connection reset', withCode('read ECONNRESET', 'ECONNRESET')],
    ['pg_terminate_backend', withCode('terminating connection due to administrator command', '57P01')],
    ['server starting up', withCode('the database system is starting up', '57P03')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['connection exception class 08', withCode('connection failure', '08006')],
    ['ALLOW_CONNECTIONS false', withCode('database "x" is not currently accepting connections', '55000')],
    ['statement_timeout', withCode('canceling statement due to statement timeout', '57014')],
    ['socket ended', new Error('Connection terminated unexpectedly')],
    ['pool checkout timeout', new Error('timeout exceeded when trying to connect')],
    ['query_timeout', new Error('Query read timeout')],
    ['SQLite lock not free within busy_timeout', withCode('database is locked', 'SQLITE_BUSY')],
    ['SQLite stale snapshot', withCode('database is locked', 'SQLITE_BUSY_SNAPSHOT')],
    [
      'several addresses, all refused',
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'connect failed'),
    ],
    ['wrapped cause', new Error('query failed', { cause: withCode('x', 'ECONNRESET') })],
  ])('Deploy: %s → 503', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['syntax error', withCode('syntax error at or near "selec"', '42601')],
    ['other 55000 (object in use)', withCode('cannot drop the currently open database', '55000')],
    ['SQLite constraint', withCode('UNIQUE constraint failed: accounts.login_id', 'SQLITE_CONSTRAINT_UNIQUE')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an Error', 'ECONNREFUSED'],
  ])('Deploy: %s → 500', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
