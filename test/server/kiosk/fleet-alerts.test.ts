import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../../src-server/clock.js';
import { runFleetAlerts } from '../../../src-server/kiosk/fleet-alerts.service.js';
import { FLEET_ALERT_SUBJECT } from '../../../src-server/kiosk/fleet-alert-mail.js';
import { loadConfig } from '../../../src-server/config.js';
import { composeService } from '../../../src-server/service.js';
import { api } from '../../../src-shared/api/routes.js';
import { describeEachDatabase, postgresSkipReason } from '../../support/databases.js';
import { freshDatabase } from '../../support/fresh-database.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { IIDABASHI, SHINJUKU } from '../staff-desk/desk-helpers.js';
import { enrollKiosk, fetchNonce, signFor, type FakeKiosk } from './kiosk-helpers.js';
import { issueEnrollmentCode } from '../../../src-server/kiosk/enrollment.service.js';
import { newKeyPair, machineHash } from '../../support/kiosk-keys.js';
import type { Db } from '../../../src-server/db/schema.js';

const MINUTE = 60_000;
const IT = ['it-desk@example.jp', 'fleet-watch@example.jp'];
const TOKEN = 'metrics-token-for-tests-0123456789';

/** The alert mails queued so far (the outbox keeps them: subject, to, body). */
async function alertMails(db: Db) {
  const rows = await db
    .selectFrom('outbox')
    .select(['to_address', 'subject', 'body', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.filter((r) => r.subject.startsWith(FLEET_ALERT_SUBJECT));
}

describeEachDatabase('R-FLEET-2 alerts when terminals go silent or come back', (database) => {
  let svc: TestService;
  const fleet = { minimumVersion: null, alertMailTo: IT, quietHours: { from: 22, until: 7 } };
  const run = () => runFleetAlerts({ db: svc.db, clock: svc.clock, config: { fleet }, mailQueued: () => undefined });
  beforeAll(async () => {
    // the outbox holds the mail (no SMTP): what was queued is what the test reads
    svc = await startTestService({ database, smtp: false, env: { METRICS_TOKEN: TOKEN } });
    // 10:00 in Japan (01:00 UTC): outside the quiet hours
    svc.clock.set(new Date('2026-04-01T01:00:00.000Z'));
  });
  afterAll(() => svc.close());

  const heartbeat = async (k: FakeKiosk) => {
    const nonce = await fetchNonce(svc, k.terminalId);
    const r = await createClient(svc.url).post(api.kioskHeartbeat.path, {
      terminalId: k.terminalId,
      version: '1.0.0',
      nonce,
      signature: signFor(k, nonce, { purpose: 'heartbeat' }),
    });
    expect(r.status).toBe(204);
  };

  it('R-FLEET-2: one mail per office and change, listing every terminal of it, to each address; nothing twice', async () => {
    const iida = await Promise.all([1, 2, 3].map((i) => enrollKiosk(svc, { office: IIDABASHI, label: `飯田橋 ${i}` })));
    const shinjuku = await enrollKiosk(svc, { office: SHINJUKU, label: '新宿 1' });
    for (const k of [...iida, shinjuku]) await heartbeat(k);
    expect(await run()).toEqual({ status: 'ran', mails: 0, terminals: 0 });

    svc.clock.advance(10 * MINUTE);
    expect(await run()).toEqual({ status: 'ran', mails: 2, terminals: 4 });
    let mails = await alertMails(svc.db);
    expect(mails).toHaveLength(4); // 2 offices × 2 addresses
    expect(new Set(mails.map((m) => m.to_address))).toEqual(new Set(IT));
    const toIida = mails.filter((m) => m.subject.includes(IIDABASHI));
    expect(toIida).toHaveLength(2);
    expect(toIida[0]?.subject).toBe(`${FLEET_ALERT_SUBJECT}：${IIDABASHI}（応答なし3台）`);
    for (const label of ['飯田橋 1', '飯田橋 2', '飯田橋 3']) expect(toIida[0]?.body).toContain(`・${label}`);
    expect(toIida[0]?.body).not.toContain('新宿 1');

    // still silent: no new change, no new mail
    svc.clock.advance(30 * MINUTE);
    expect(await run()).toEqual({ status: 'ran', mails: 0, terminals: 0 });

    // one comes back: one mail for its office
    await heartbeat(iida[1]!);
    expect(await run()).toEqual({ status: 'ran', mails: 1, terminals: 1 });
    mails = await alertMails(svc.db);
    expect(mails).toHaveLength(6);
    expect(mails.at(-1)?.subject).toBe(`${FLEET_ALERT_SUBJECT}：${IIDABASHI}（復旧1台）`);
    expect(mails.at(-1)?.body).toContain('・飯田橋 2');
    expect(mails.at(-1)?.body).not.toContain('飯田橋 1');
  });

  it('R-FLEET-2: none during the quiet hours; what changed meanwhile goes in one batch per office when they end', async () => {
    svc.clock.set(new Date('2026-04-01T12:00:00.000Z')); // 21:00 in Japan
    const office = '品川公共職業安定所';
    const ks = await Promise.all([1, 2].map((i) => enrollKiosk(svc, { office, label: `品川 ${i}` })));
    for (const k of ks) await heartbeat(k);
    expect(await run()).toMatchObject({ status: 'ran' });
    const settled = (await alertMails(svc.db)).length;

    svc.clock.set(new Date('2026-04-01T13:30:00.000Z')); // 22:30: quiet, both silent
    expect(await run()).toEqual({ status: 'quiet' });
    svc.clock.set(new Date('2026-04-01T21:59:00.000Z')); // 06:59
    expect(await run()).toEqual({ status: 'quiet' });
    expect((await alertMails(svc.db)).length).toBe(settled);

    svc.clock.set(new Date('2026-04-01T22:00:00.000Z')); // 07:00: over
    await run();
    const batch = (await alertMails(svc.db)).slice(settled).filter((m) => m.subject.includes(office));
    expect(batch.map((m) => m.subject)).toEqual([
      `${FLEET_ALERT_SUBJECT}：${office}（応答なし2台）`,
      `${FLEET_ALERT_SUBJECT}：${office}（応答なし2台）`,
    ]);
  });

  it('R-FLEET-2: /metrics counts terminals per state, with no per-terminal label', async () => {
    const revoked = await enrollKiosk(svc, { label: '失効 1' });
    await svc.db.updateTable('kiosk_terminals').set({ revoked_at: 1 }).where('id', '=', revoked.terminalId).execute();
    const fresh = await enrollKiosk(svc, { label: '正常 1' });
    await heartbeat(fresh);
    const states = await svc.db
      .selectFrom('kiosk_terminals')
      .select(['revoked_at', 'last_seen_at', 'enrolled_at'])
      .execute();
    const now = svc.clock.now().getTime();
    const silent = states.filter(
      (t) => t.revoked_at === null && Number(t.last_seen_at ?? t.enrolled_at) <= now - 10 * MINUTE,
    );
    const r = await createClient(svc.url).get<string>('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(200);
    const lines = String(r.body)
      .split('\n')
      .filter((l) => l.startsWith('mypage_kiosk_terminals{'));
    expect(lines.sort()).toEqual(
      [
        `mypage_kiosk_terminals{state="active"} ${states.length - 1 - silent.length}`,
        `mypage_kiosk_terminals{state="revoked"} 1`,
        `mypage_kiosk_terminals{state="silent"} ${silent.length}`,
        `mypage_kiosk_terminals{state="update_required"} 0`,
      ].sort(),
    );
  });
});

describe.skipIf(postgresSkipReason !== undefined)('R-FLEET-2 across two service instances (PostgreSQL)', () => {
  it('R-FLEET-2: two instances running the alerts at once mail each change exactly once', async () => {
    const fresh = await freshDatabase('postgres');
    const clock = new TestClock(new Date('2026-04-01T01:00:00.000Z'));
    const env = {
      DATABASE_URL: fresh.url,
      NODE_ENV: 'test',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
      FLEET_ALERT_MAIL_TO: IT.join(', '),
    };
    const overrides = { clock, sweepIntervalMs: 0, fleetAlertIntervalMs: 0 };
    const a = await composeService(loadConfig(env), overrides);
    const b = await composeService(loadConfig(env), overrides);
    try {
      for (const [office, n] of [
        [IIDABASHI, 12],
        [SHINJUKU, 7],
      ] as const)
        for (let i = 0; i < n; i++) {
          const { code } = await issueEnrollmentCode(a.db, clock, { office, label: `${office} ${i}` });
          const r = await a.app.inject({
            method: 'POST',
            url: api.kioskEnroll.path,
            payload: { code, publicKey: newKeyPair().publicKey, machineIdHash: machineHash(), version: '1.0.0' },
          });
          expect(r.statusCode).toBe(201);
        }
      clock.advance(10 * MINUTE);
      const runOn = (s: typeof a) =>
        runFleetAlerts({ db: s.db, clock, config: s.deps.config, mailQueued: () => undefined });
      const reports = await Promise.all([runOn(a), runOn(b), runOn(a), runOn(b)]);
      expect(reports.reduce((n, r) => n + (r.status === 'ran' ? r.terminals : 0), 0)).toBe(19);
      const mails = await alertMails(a.db);
      expect(mails.map((m) => `${m.to_address} ${m.subject}`).sort()).toEqual(
        IT.flatMap((to) => [
          `${to} ${FLEET_ALERT_SUBJECT}：${IIDABASHI}（応答なし12台）`,
          `${to} ${FLEET_ALERT_SUBJECT}：${SHINJUKU}（応答なし7台）`,
        ]).sort(),
      );
    } finally {
      await a.close();
      await b.close();
      await fresh.drop();
    }
  });
});
