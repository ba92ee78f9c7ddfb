import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../../src-server/config.js';
import { insertMailedKey } from '../../../src-server/recovery/mailed-keys.repository.js';
import { insertOutbox, markFailed } from '../../../src-server/mail/outbox.repository.js';
import { createRetentionSweep, RETENTION, RETENTION_LOCK } from '../../../src-server/ops/retention.js';
import type { Db } from '../../../src-server/db/schema.js';
import { countAttestationFailure, failureHour } from '../../../src-server/kiosk/attestation-failures.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signIn } from '../../support/sign-in.js';
import { enrollKiosk, fetchNonce } from '../kiosk/kiosk-helpers.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const DAY = 24 * 60 * 60_000;

async function counts(db: Db) {
  const n = async (
    table: 'login_challenges' | 'kiosk_nonces' | 'sessions' | 'mailed_keys' | 'outbox' | 'audit_events',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    login_challenges: await n('login_challenges'),
    kiosk_nonces: await n('kiosk_nonces'),
    sessions: await n('sessions'),
    mailed_keys: await n('mailed_keys'),
    outbox: await n('outbox'),
    audit_events: await n('audit_events'),
  };
}

describeEachDatabase('Deploy: the retention sweep', (database) => {
  let svc: TestService;
  afterEach(() => svc.close());
  const sweepOf = (s: TestService, env: Record<string, string> = {}) =>
    createRetentionSweep({ db: s.db, dialect: database, clock: s.clock, config: loadConfig(env) });

  /** One of everything the sweep deletes, made the way the service makes them. */
  async function makeRows(s: TestService, id: string) {
    await s.createEmployer({ id, password: PASSWORD });
    const browser = createClient(s.url);
    await signIn(s, browser, id, PASSWORD); // a consumed challenge, a session, a sent mail, audit rows
    const kiosk = await enrollKiosk(s);
    await fetchNonce(s, kiosk.terminalId); // a nonce never used
    const account = await s.db.selectFrom('accounts').select('id').where('login_id', '=', id).executeTakeFirstOrThrow();
    const now = s.clock.now().getTime();
    await insertMailedKey(s.db, {
      id: `key-${id}`,
      account_id: account.id,
      purpose: 'reset',
      key_hash: `h-${id}`,
      new_login_id: null,
      attempts: 0,
      created_at: now,
      expires_at: now + 30 * 60_000,
      used_at: null,
    });
  }

  it('Deploy: expired challenges, nonces, sessions and mailed keys go a day after they end; sent mail after 7 days; live rows stay', async () => {
    svc = await startTestService({ database });
    await makeRows(svc, 'old@example.jp');
    const before = await counts(svc.db);
    expect(before).toMatchObject({ login_challenges: 1, kiosk_nonces: 1, sessions: 1, mailed_keys: 1, outbox: 1 });
    const sweep = sweepOf(svc);

    // Everything has ended (the web session after 8 h), but the day of grace has not passed.
    svc.clock.advance(RETENTION.graceMs);
    expect((await sweep.runOnce()).status).toBe('swept');
    expect(await counts(svc.db)).toMatchObject({
      login_challenges: 1,
      sessions: 1,
      mailed_keys: 1,
      outbox: 1,
      kiosk_nonces: 0,
    });

    svc.clock.advance(DAY);
    await makeRows(svc, 'new@example.jp'); // live rows of today
    const report = await sweep.runOnce();
    expect(report).toEqual({
      status: 'swept',
      deleted: {
        login_challenges: 1,
        kiosk_nonces: 0,
        sessions: 1,
        mailed_keys: 1,
        outbox: 0,
        audit_events: 0,
        budget_events: 1,
        known_browsers: 0,
        staff_challenges: 0,
        staff_sessions: 0,
        staff_registration_codes: 0,
        terminal_failures: 0,
        attestation_source_failures: 0,
        kiosk_diagnostics: 0,
      },
      batches: 4, // a batch per table that had something to delete
      complete: true,
      elapsedMs: expect.any(Number),
    });
    // The old sign-in's OTP mail no longer counts in R-OTP-8's hour; today's does and stays.
    expect(await svc.db.selectFrom('budget_events').select('at').execute()).toHaveLength(1);
    expect(await counts(svc.db)).toMatchObject({
      login_challenges: 1,
      kiosk_nonces: 1,
      sessions: 1,
      mailed_keys: 1,
      outbox: 2,
    });
    const session = await svc.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select('accounts.login_id')
      .executeTakeFirstOrThrow();
    expect(session.login_id).toBe('new@example.jp');

    svc.clock.advance(RETENTION.sentMailMs - DAY);
    expect((await sweep.runOnce()).status).toBe('swept');
    const mail = await svc.db.selectFrom('outbox').select('to_address').execute();
    expect(mail.map((m) => m.to_address)).toEqual(['new@example.jp']);
  });

  it('R-LOGIN-6: a known-browser marker past its 400 days is swept a day later; a live one stays', async () => {
    svc = await startTestService({ database });
    await makeRows(svc, 'marker@example.jp'); // the sign-in set the marker
    const markers = () => svc.db.selectFrom('known_browsers').select('expires_at').execute();
    const [marker] = await markers();
    expect(marker).toBeDefined();
    svc.clock.set(new Date(marker!.expires_at + RETENTION.graceMs - 1));
    expect(await sweepOf(svc).runOnce()).toMatchObject({ deleted: { known_browsers: 0 } });
    svc.clock.advance(2);
    expect(await sweepOf(svc).runOnce()).toMatchObject({ deleted: { known_browsers: 1 } });
    expect(await markers()).toEqual([]);
  });

  it('R-KIOSK-2: hourly attestation-failure counts older than two days are swept; the last 24 hours stay for 端末一覧', async () => {
    svc = await startTestService({ database });
    const now = svc.clock.now().getTime();
    const hour = failureHour(now);
    for (const h of [hour, hour - 24, hour - 49, hour - 72]) {
      await countAttestationFailure(svc.db, { hour: h, terminalId: 'kiosk-a' });
      await countAttestationFailure(svc.db, { hour: h, source: '192.0.2.7' });
    }
    expect(await sweepOf(svc).runOnce()).toMatchObject({
      deleted: { terminal_failures: 2, attestation_source_failures: 4 }, // the source's rows and the hour's total
    });
    const left = (t: 'terminal_failures' | 'attestation_source_failures') =>
      svc.db.selectFrom(t).select('hour').distinct().orderBy('hour').execute();
    expect((await left('terminal_failures')).map((r) => Number(r.hour))).toEqual([hour - 24, hour]);
    expect((await left('attestation_source_failures')).map((r) => Number(r.hour))).toEqual([hour - 24, hour]);
  });

  it('Deploy: mail the relay refused for good goes after 7 days too; mail still waiting never does', async () => {
    svc = await startTestService({ database, smtp: false });
    const now = svc.clock.now().getTime();
    const refused = await insertOutbox(svc.db, now, { to: 'refused@example.jp', subject: 's', body: 'b' });
    await markFailed(svc.db, refused, now, '550 no such user');
    await insertOutbox(svc.db, now, { to: 'waiting@example.jp', subject: 's', body: 'b' });
    svc.clock.advance(RETENTION.sentMailMs + 1);
    await sweepOf(svc).runOnce();
    const left = await svc.db.selectFrom('outbox').select('to_address').execute();
    expect(left.map((m) => m.to_address)).toEqual(['waiting@example.jp']);
  });

  it('Deploy: audit rows are kept AUDIT_RETENTION_DAYS (default 400) and deleted after', async () => {
    svc = await startTestService({ database });
    await svc.createEmployer({ id: 'audit@example.jp', password: PASSWORD });
    await createClient(svc.url).post(api.login.path, { id: 'audit@example.jp', password: 'Wrong-pass1' });
    const audited = (await counts(svc.db)).audit_events;
    expect(audited).toBeGreaterThan(0);
    svc.clock.advance(400 * DAY - 1);
    expect((await sweepOf(svc).runOnce()).status).toBe('swept');
    expect((await counts(svc.db)).audit_events).toBe(audited);
    svc.clock.advance(2);
    expect(await sweepOf(svc).runOnce()).toMatchObject({ deleted: { audit_events: audited } });
    expect((await counts(svc.db)).audit_events).toBe(0);
  });

  it('Deploy: AUDIT_RETENTION_DAYS=30 keeps audit rows 30 days', async () => {
    svc = await startTestService({ database });
    await svc.createEmployer({ id: 'audit30@example.jp', password: PASSWORD });
    await createClient(svc.url).post(api.login.path, { id: 'audit30@example.jp', password: 'Wrong-pass1' });
    svc.clock.advance(31 * DAY);
    await sweepOf(svc, { AUDIT_RETENTION_DAYS: '30' }).runOnce();
    expect((await counts(svc.db)).audit_events).toBe(0);
  });

  if (database === 'postgres') {
    it('Deploy: while another instance sweeps (holds the advisory lock) this one skips and deletes nothing', async () => {
      svc = await startTestService({ database });
      await makeRows(svc, 'lock@example.jp');
      svc.clock.advance(RETENTION.graceMs + DAY);
      const other = new pg.Client({ connectionString: svc.databaseUrl });
      await other.connect();
      try {
        await other.query('begin');
        await other.query('select pg_advisory_xact_lock($1::int, $2::int)', [...RETENTION_LOCK]);
        expect(await sweepOf(svc).runOnce()).toEqual({ status: 'skipped' });
        expect((await counts(svc.db)).sessions).toBe(1);
        await other.query('commit');
      } finally {
        await other.end();
      }
      expect((await sweepOf(svc).runOnce()).status).toBe('swept');
      expect((await counts(svc.db)).sessions).toBe(0);
    });
  }
});
