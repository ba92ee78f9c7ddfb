import { performance } from 'node:perf_hooks';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../../src-server/config.js';
import { openDatabase } from '../../../src-server/db/database.js';
import type { Insertable } from 'kysely';
import type { Database, Db } from '../../../src-server/db/schema.js';
import { createRetentionSweep, RETENTION, type SweepOptions } from '../../../src-server/ops/retention.js';
import { sweepTargets } from '../../../src-server/ops/retention-batches.js';
import { insertMailedKey } from '../../../src-server/recovery/mailed-keys.repository.js';
import { describeEachDatabase, type TestDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { enrollKiosk, fetchNonce } from '../kiosk/kiosk-helpers.js';

const DAY = 24 * 60 * 60_000;
const SWEPT_TABLES = [
  'login_challenges',
  'kiosk_nonces',
  'sessions',
  'mailed_keys',
  'outbox',
  'audit_events',
  'budget_events',
  'known_browsers',
  'staff_challenges',
  'staff_sessions',
  'staff_registration_codes',
] as const satisfies ReadonlyArray<keyof Database>;
type SweptTable = (typeof SWEPT_TABLES)[number];
type Counts = Record<SweptTable, number>;

async function countRows(db: Db): Promise<Counts> {
  const counts = {} as Counts;
  for (const table of SWEPT_TABLES) {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(r.n);
  }
  return counts;
}

const sweepOf = (s: TestService, database: TestDatabase, env: Record<string, string>, options?: SweepOptions) =>
  createRetentionSweep({ db: s.db, dialect: database, clock: s.clock, config: loadConfig(env) }, options);

interface LiveRows {
  accountId: string;
  terminalId: string;
  staffId: string;
}

/**
 * The live rows of one sign-in, the way the service makes them (a consumed challenge, a session,
 * a known browser, a budget event, sent mail, audit rows), a kiosk's fresh nonce, a mailed key,
 * and a staff member's session, challenge and registration code.
 */
async function makeLiveRows(s: TestService): Promise<LiveRows> {
  const employer = await s.employer();
  await s.as(employer);
  const kiosk = await enrollKiosk(s);
  await fetchNonce(s, kiosk.terminalId);
  const account = await s.db
    .selectFrom('accounts')
    .select('id')
    .where('login_id', '=', employer.id)
    .executeTakeFirstOrThrow();
  const now = s.clock.now().getTime();
  const live = { created_at: now, expires_at: now + 30 * 60_000 };
  await insertMailedKey(s.db, {
    id: 'key-live',
    account_id: account.id,
    purpose: 'reset',
    key_hash: 'h-live',
    new_login_id: null,
    attempts: 0,
    used_at: null,
    ...live,
  });
  const staffId = 'staff-1';
  await s.db
    .insertInto('staff_members')
    .values({
      id: staffId,
      staff_id: 'S0001',
      name: '職員',
      role: 'it',
      office_id: null,
      webauthn_user_id: 'w1',
      created_at: now,
      disabled_at: null,
    })
    .execute();
  await s.db
    .insertInto('staff_sessions')
    .values({
      id: 'ss-live',
      token_hash: 'ss-live',
      staff_member_id: staffId,
      last_seen_at: now,
      revoked_at: null,
      ...live,
    })
    .execute();
  await s.db
    .insertInto('staff_challenges')
    .values({ challenge_hash: 'sc-live', purpose: 'login', subject: 'S0001', ...live })
    .execute();
  await s.db
    .insertInto('staff_registration_codes')
    .values({ code_hash: 'rc-live', staff_member_id: staffId, used_at: null, ...live })
    .execute();
  return { accountId: account.id, terminalId: kiosk.terminalId, staffId };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** `count` audit rows older than any retention. */
async function insertOldAudit(s: TestService, count: number): Promise<void> {
  const old = s.clock.now().getTime() - 500 * DAY;
  for (let from = 0; from < count; from += 500)
    await s.db
      .insertInto('audit_events')
      .values(
        range(Math.min(500, count - from)).map((i) => ({
          id: `a${from + i}`,
          at: old + from + i,
          type: 'test.old',
          detail: '{}',
          account_id: null,
          login_id: null,
          ip: null,
          staff_member_id: null,
        })),
      )
      .execute();
}

/** `n` rows of `table`, the i-th made by `row(i)`. */
async function insertRows<T extends SweptTable>(
  db: Db,
  table: T,
  n: number,
  row: (i: number) => Insertable<Database[T]>,
) {
  await db.insertInto(table).values(range(n).map(row)).execute();
}

/**
 * `n` rows of every other swept table that ended long ago (half of sessions, staff sessions and
 * mail by the second way they end: revoked, refused).
 */
async function insertExpired(s: TestService, live: LiveRows, n: number): Promise<void> {
  const old = s.clock.now().getTime() - 500 * DAY;
  const later = s.clock.now().getTime() + DAY; // revoked long ago, though not yet expired
  const half = (i: number) => i < n / 2;
  const expired = (i: number) => ({ created_at: old, expires_at: old + i });
  const endedTwoWays = (i: number) => ({
    created_at: old,
    last_seen_at: old,
    expires_at: half(i) ? old + i : later,
    revoked_at: half(i) ? null : old + i,
  });
  const { accountId, terminalId, staffId } = live;
  const db = s.db;
  await insertRows(db, 'login_challenges', n, (i) => ({
    id: `c${i}`,
    account_id: accountId,
    otp_hash: 'x',
    attempts: 0,
    consumed_at: null,
    attestation_failed: 0,
    ...expired(i),
  }));
  await insertRows(db, 'kiosk_nonces', n, (i) => ({ nonce_hash: `n${i}`, terminal_id: terminalId, ...expired(i) }));
  await insertRows(db, 'sessions', n, (i) => ({
    id: `s${i}`,
    token_hash: `s${i}`,
    account_id: accountId,
    kind: 'web' as const,
    terminal_id: null,
    ...endedTwoWays(i),
  }));
  await insertRows(db, 'mailed_keys', n, (i) => ({
    id: `k${i}`,
    account_id: accountId,
    purpose: 'reset' as const,
    key_hash: `k${i}`,
    new_login_id: null,
    attempts: 0,
    used_at: null,
    ...expired(i),
  }));
  await insertRows(db, 'outbox', n, (i) => ({
    id: `o${i}`,
    to_address: 'a@example.jp',
    subject: 's',
    body: '',
    created_at: old,
    attempts: 1,
    next_attempt_at: old,
    claimed_until: null,
    sent_at: half(i) ? old + i : null,
    failed_at: half(i) ? null : old + i,
    last_error: null,
  }));
  await insertRows(db, 'budget_events', n, (i) => ({ subject: accountId, kind: 'otp_mail', at: old + i }));
  await insertRows(db, 'known_browsers', n, (i) => ({
    id: `b${i}`,
    token_hash: `b${i}`,
    account_id: accountId,
    last_seen_at: old,
    ...expired(i),
  }));
  await insertRows(db, 'staff_challenges', n, (i) => ({
    challenge_hash: `sc${i}`,
    purpose: 'login' as const,
    subject: 'S0001',
    ...expired(i),
  }));
  await insertRows(db, 'staff_sessions', n, (i) => ({
    id: `ss${i}`,
    token_hash: `ss${i}`,
    staff_member_id: staffId,
    ...endedTwoWays(i),
  }));
  await insertRows(db, 'staff_registration_codes', n, (i) => ({
    code_hash: `rc${i}`,
    staff_member_id: staffId,
    used_at: null,
    ...expired(i),
  }));
}

/** Counts setImmediate turns (the event loop's check phase) until stopped. */
function loopTurns() {
  let turns = 0;
  let on = true;
  const turn = () => {
    turns++;
    if (on) setImmediate(turn);
  };
  setImmediate(turn);
  return {
    stop: () => {
      on = false;
      return turns;
    },
  };
}

describeEachDatabase('Deploy: the retention sweep deletes in bounded batches', (database) => {
  let svc: TestService;
  afterEach(() => svc.close());

  it('Deploy: with RETENTION_BATCH_ROWS=50, every table loses exactly its expired rows over several batches; a live challenge, session, mailed key, nonce, known browser, budget event and staff session stay', async () => {
    svc = await startTestService({ database });
    const live = await makeLiveRows(svc);
    const liveCounts = await countRows(svc.db);
    expect(liveCounts).toMatchObject({
      login_challenges: 1,
      kiosk_nonces: 1,
      sessions: 1,
      mailed_keys: 1,
      budget_events: 1,
      known_browsers: 1,
      staff_challenges: 1,
      staff_sessions: 1,
      staff_registration_codes: 1,
    });
    await insertExpired(svc, live, 120);
    await insertOldAudit(svc, 500);

    const report = await sweepOf(svc, database, { RETENTION_BATCH_ROWS: '50' }).runOnce();

    const expected = {
      ...Object.fromEntries(SWEPT_TABLES.map((t) => [t, t === 'audit_events' ? 500 : 120])),
      terminal_failures: 0,
      attestation_source_failures: 0,
      kiosk_diagnostics: 0,
    };
    // 120 rows a table in 50 + 50 + 20 (the tables that end two ways too: the second way fills
    // what the first leaves of a batch), 500 audit rows in 10.
    expect(report).toEqual({
      status: 'swept',
      deleted: expected,
      batches: 10 * 3 + 10,
      complete: true,
      elapsedMs: expect.any(Number),
    });
    expect(await countRows(svc.db)).toEqual(liveCounts);
    const ids = async (table: 'login_challenges' | 'sessions' | 'mailed_keys' | 'known_browsers' | 'staff_sessions') =>
      (await svc.db.selectFrom(table).select('id').execute()).map((r) => r.id);
    expect(await ids('mailed_keys')).toEqual(['key-live']);
    expect(await ids('staff_sessions')).toEqual(['ss-live']);
    for (const table of ['login_challenges', 'sessions', 'known_browsers'] as const)
      expect((await ids(table)).every((id) => !/^[csb]\d+$/.test(id))).toBe(true);
    const nonce = await svc.db.selectFrom('kiosk_nonces').select('terminal_id').executeTakeFirstOrThrow();
    expect(nonce.terminal_id).toBe(live.terminalId);
    const budget = await svc.db.selectFrom('budget_events').select('at').executeTakeFirstOrThrow();
    expect(budget.at).toBeGreaterThan(svc.clock.now().getTime() - DAY);

    // Nothing expired is left: the next run deletes nothing, in no batch.
    expect(await sweepOf(svc, database, { RETENTION_BATCH_ROWS: '50' }).runOnce()).toMatchObject({
      batches: 0,
      complete: true,
    });
  });

  it('Deploy: the event loop gets a turn between batches, and a request is answered while the sweep runs', async () => {
    svc = await startTestService({ database });
    await insertOldAudit(svc, 2000);
    const turns = loopTurns();
    let sweepFinished = false;
    const sweeping = sweepOf(svc, database, {}, { batchRows: 50 })
      .runOnce()
      .finally(() => (sweepFinished = true));
    const ready = await svc.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(sweepFinished).toBe(false);
    const report = await sweeping;
    const turned = turns.stop();
    expect(report).toMatchObject({ status: 'swept', deleted: { audit_events: 2000 }, batches: 40 });
    // better-sqlite3 answers on the event loop: without a yield the 40 batches would run back to back.
    expect(turned).toBeGreaterThanOrEqual(40);
  });

  it('Deploy: after every batch the sweep rests as long as the batch took, so the write lock and a core are free half its time', async () => {
    svc = await startTestService({ database });
    await insertOldAudit(svc, 200);
    const rests: number[] = [];
    const batchTimes: number[] = [];
    let batchStarted = performance.now();
    const rest = async (ms: number) => {
      batchTimes.push(performance.now() - batchStarted);
      rests.push(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
      batchStarted = performance.now();
    };
    const report = await sweepOf(svc, database, {}, { batchRows: 50, rest, minRestMs: 0 }).runOnce();
    expect(report).toMatchObject({ status: 'swept', deleted: { audit_events: 200 }, batches: 4 });
    // One rest after each delete: a short one ends each table, and the audit log had four full ones.
    const tables = sweepTargets({ now: 0, graceMs: 0, sentMailMs: 0, auditDays: 1 }).length;
    expect(rests.length).toBe(tables + 4);
    // Each rest is the batch's own time (measured inside the sweep, so within the time seen here).
    rests.forEach((ms, i) => {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(batchTimes[i]! + 1);
    });
    const audit = rests.slice(-5, -1);
    expect(Math.min(...audit)).toBeGreaterThan(0);
  });

  it("Deploy: before another batch of the same table the sweep rests at least the dialect's minimum (SQLite: longer than its busy handler's longest sleep)", async () => {
    svc = await startTestService({ database });
    await insertOldAudit(svc, 120);
    const rests: number[] = [];
    const rest = async (ms: number) => void rests.push(ms);
    const report = await sweepOf(svc, database, {}, { batchRows: 50, rest }).runOnce();
    expect(report).toMatchObject({ status: 'swept', deleted: { audit_events: 120 }, batches: 3 });
    // The audit log's two full batches are followed by another: each waits the minimum at least.
    const [afterFirst, afterSecond, afterLast] = rests.slice(-3);
    const minimum = RETENTION.minRestMs[database];
    expect(afterFirst).toBeGreaterThanOrEqual(minimum);
    expect(afterSecond).toBeGreaterThanOrEqual(minimum);
    // The short batch ends the table: nothing of it follows, so it rests only its own time
    // (a few milliseconds; PostgreSQL's minimum is 0, so there it is the batch time throughout).
    if (minimum > 0) expect(afterLast).toBeLessThan(minimum);
    expect(RETENTION.minRestMs).toEqual({ sqlite: 100, postgres: 0 });
  });

  it('Deploy: a run stops at its bound with expired rows left, and the next run carries on', async () => {
    svc = await startTestService({ database });
    await insertOldAudit(svc, 120);
    const sweep = sweepOf(svc, database, {}, { batchRows: 50, maxRunMs: 0 });
    expect(await sweep.runOnce()).toMatchObject({
      status: 'swept',
      deleted: { audit_events: 50 },
      batches: 1,
      complete: false,
    });
    expect(await sweep.runOnce()).toMatchObject({ deleted: { audit_events: 50 }, complete: false });
    expect(await sweep.runOnce()).toMatchObject({ deleted: { audit_events: 20 }, batches: 1, complete: true });
    const left = await svc.db.selectFrom('audit_events').select('type').where('type', '=', 'test.old').execute();
    expect(left).toEqual([]);
  });

  it('Deploy: one log line a run, with the counts and the batches, however many batches it took', async () => {
    svc = await startTestService({ database });
    await insertOldAudit(svc, 300);
    const logged: Array<{ obj: unknown; msg: string }> = [];
    let seen: () => void = () => undefined;
    const firstLine = new Promise<void>((resolve) => (seen = resolve));
    const log = {
      ...svc.app.log,
      info: (obj: unknown, msg: string) => {
        logged.push({ obj, msg });
        seen();
      },
    } as unknown as typeof svc.app.log;
    const sweep = createRetentionSweep(
      { db: svc.db, dialect: database, clock: svc.clock, config: loadConfig({}), log },
      { batchRows: 50 },
    );
    sweep.start(1);
    await firstLine;
    await sweep.stop();
    expect(logged).toEqual([
      {
        msg: 'retention sweep',
        obj: expect.objectContaining({
          batches: 6,
          complete: true,
          deleted: expect.objectContaining({ audit_events: 300 }),
        }),
      },
    ]);
  });

  if (database === 'postgres') {
    it('Deploy: two instances sweeping the same database at once: one sweeps, the other skips; each row is deleted once', async () => {
      svc = await startTestService({ database });
      await insertOldAudit(svc, 2000);
      const other = openDatabase(svc.databaseUrl);
      try {
        const config = loadConfig({ RETENTION_BATCH_ROWS: '50' });
        const a = createRetentionSweep({ db: svc.db, dialect: database, clock: svc.clock, config });
        const b = createRetentionSweep({ db: other.db, dialect: database, clock: svc.clock, config });
        const reports = await Promise.all([a.runOnce(), b.runOnce()]);
        expect(reports.map((r) => r.status).sort()).toEqual(['skipped', 'swept']);
        const swept = reports.find((r) => r.status === 'swept');
        expect(swept).toMatchObject({ deleted: { audit_events: 2000 }, batches: 40, complete: true });
        const left = await svc.db.selectFrom('audit_events').select('id').where('type', '=', 'test.old').execute();
        expect(left).toEqual([]);
        // The lock went with the run: the other instance sweeps next time (nothing left to delete).
        expect(await b.runOnce()).toMatchObject({ status: 'swept', batches: 0 });
      } finally {
        await other.db.destroy();
      }
    });
  }
});
