import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText } from '../../../src-shared/api/errors.js';
import { createEmployer } from '../../../src-server/accounts/accounts.service.js';
import { systemClock } from '../../../src-server/clock.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrate.js';
import { skipReason } from '../../support/databases.js';
import { createClient, type Answer } from '../../support/http-client.js';
import {
  allowConnections,
  createPostgresDatabase,
  dropPostgresDatabase,
  postgresUrl,
  terminateBackends,
} from '../../support/postgres.js';
import { startMypageServe } from '../../support/spawn-cli.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

/** A request that answers later than this hangs, as far as these tests are concerned. */
const HANG_MS = 8_000;

const until = async <T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, ms = 15_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

async function wrongLogin(url: string): Promise<Answer> {
  return createClient(url).post(api.login.path, { id: 'fault@example.jp', password: 'Wrong-pass1' }, { headers: {} });
}

const pgReason = skipReason('postgres');
if (pgReason) console.warn(`[skipped on postgres] database faults: ${pgReason}`);

describe.skipIf(pgReason !== undefined)('Deploy: a PostgreSQL that drops connections [postgres]', () => {
  let name: string;
  let serve: { child: ChildProcess; url: string; output: () => string };
  beforeAll(async () => {
    name = await createPostgresDatabase();
    const { db } = openDatabase(postgresUrl(name));
    await migrateToLatest(db);
    await createEmployer(db, systemClock, { id: 'fault@example.jp', password: PASSWORD, company: 'C', office: 'O' });
    await db.destroy();
    serve = await startMypageServe({ DATABASE_URL: postgresUrl(name), RATE_LIMIT_PER_MINUTE: '0' });
  });
  afterAll(async () => {
    await allowConnections(name, true);
    serve?.child.kill('SIGKILL');
    await dropPostgresDatabase(name);
  });

  it('Deploy: every backend terminated (a restart, a failover): the process lives on and answers again by itself, never a 500', async () => {
    expect((await wrongLogin(serve.url)).status).toBe(401); // the pool holds live connections now
    expect(await terminateBackends(name)).toBeGreaterThan(0);
    const statuses: number[] = [];
    await until(
      'answers after the terminate',
      async () => {
        const r = await wrongLogin(serve.url);
        statuses.push(r.status);
        return r.status;
      },
      (s) => s === 401,
    );
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    expect(serve.child.exitCode).toBeNull();
    expect(serve.output()).not.toMatch(/Unhandled 'error' event|uncaught/i);
  });

  it('Deploy: while the database refuses connections every request answers 503 service_unavailable (JSON, Japanese) without hanging, /readyz is 503, and both recover when it is back', async () => {
    await allowConnections(name, false);
    try {
      await terminateBackends(name);
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          Promise.race([
            wrongLogin(serve.url),
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error('hung')), HANG_MS)),
          ]),
        ),
      );
      for (const a of answers) {
        expect(a.status).toBe(503);
        expect(a.body).toEqual({ error: 'service_unavailable', message: errorText.service_unavailable.ja });
        expect(a.headers.get('retry-after')).toBe('5');
        expect(a.headers.get('content-type')).toMatch(/^application\/json/);
      }
      expect(Date.now() - started).toBeLessThan(HANG_MS);
      const home = await createClient(serve.url).get(api.home.path, { headers: { cookie: 'mypage_session=abc' } });
      expect(home.status).toBe(503);
      const ready = await createClient(serve.url).get<{ status: string; checks: Record<string, { status: string }> }>(
        '/readyz',
      );
      expect(ready.status).toBe(503);
      expect(ready.body.checks.database?.status).toBe('failed');
      expect((await createClient(serve.url).get('/healthz')).status).toBe(200);
    } finally {
      await allowConnections(name, true);
    }
    await until(
      'login after connections are allowed',
      async () => (await wrongLogin(serve.url)).status,
      (s) => s === 401,
    );
    await until(
      '/readyz after connections are allowed',
      async () => (await createClient(serve.url).get('/readyz')).status,
      (s) => s === 200,
    );
    expect(serve.child.exitCode).toBeNull();
  });
});

describe.skipIf(pgReason !== undefined)(
  'Deploy: a connection dropped in the middle of a transaction [postgres]',
  () => {
    let svc: TestService;
    beforeAll(async () => {
      svc = await startTestService({ database: 'postgres' });
    });
    afterAll(() => svc.close());

    it('Deploy: the transaction fails, the process lives on, and the next query gets a fresh connection', async () => {
      const failed = svc.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        // The checked-out client's backend ends between two statements of the transaction.
        await terminateBackends(svc.pgDatabase!);
        await new Promise((r) => setTimeout(r, 200)); // the socket's end arrives while the client is checked out
        await sql`select 1`.execute(trx);
      });
      await expect(failed).rejects.toThrow();
      const r = await sql<{ one: number }>`select 1 as one`.execute(svc.db);
      expect(r.rows[0]?.one).toBe(1);
      expect((await createClient(svc.url).get('/readyz')).status).toBe(200);
    });
  },
);

describe('Deploy: SQLite whose write lock another process holds past busy_timeout [sqlite]', () => {
  let svc: TestService;
  let holder: ChildProcess | undefined;
  beforeAll(async () => {
    svc = await startTestService({ database: 'sqlite' });
    await svc.createEmployer({ id: 'fault@example.jp', password: PASSWORD });
  });
  afterAll(async () => {
    holder?.kill('SIGKILL');
    await svc.close();
  });

  it('Deploy: a write that cannot get the lock answers 503 service_unavailable, not 500; writes work again once it is free', async () => {
    const file = svc.databaseUrl.slice('sqlite:'.length);
    // Holds the write lock (a backup, a stuck script) until told to let go: longer than the 5 s busy_timeout.
    const script = `const D=require('better-sqlite3');const d=new D(process.argv[1]);d.exec('begin immediate');process.stdout.write('held\\n');process.stdin.once('data',()=>{d.exec('commit');process.exit(0)});setTimeout(()=>process.exit(1),60000);`;
    holder = spawn(process.execPath, ['-e', script, file], { stdio: ['pipe', 'pipe', 'inherit'], cwd: process.cwd() });
    await new Promise<void>((resolve) =>
      holder!.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && resolve()),
    );
    const busy = await wrongLogin(svc.url);
    expect(busy.status).toBe(503);
    expect(busy.body).toMatchObject({ error: 'service_unavailable' });
    holder.stdin!.write('release\n');
    await new Promise<void>((r) => (holder!.exitCode !== null ? r() : holder!.once('exit', () => r())));
    expect(holder.exitCode).toBe(0);
    expect((await wrongLogin(svc.url)).status).toBe(401);
  }, 30_000);
});
