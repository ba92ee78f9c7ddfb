import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TestClock } from '../../src-server/clock.js';
import { loadConfig } from '../../src-server/config.js';
import { sha256 } from '../../src-server/crypto/tokens.js';
import type { Db } from '../../src-server/db/schema.js';
import { issueEnrollmentCode } from '../../src-server/kiosk/enrollment.service.js';
import { listFleet } from '../../src-server/kiosk/fleet.service.js';
import { composeService } from '../../src-server/service.js';
import { describeEachDatabase } from '../support/databases.js';
import { runMypage } from '../support/spawn-cli.js';
import { machineHash, newKeyPair, signFor } from './kiosk/kiosk-helpers.js';
import { freshDatabase } from '../support/fresh-database.js';
import { api } from '../../src-shared/api/routes.js';

interface FleetJson {
  terminalId: string;
  office: string;
  label: string;
  version: string | null;
  lastHeartbeat: string | null;
  state: string;
}

// Spawns the real command (bin/mypage.js through tsx): a few seconds per run on a busy machine.
describeEachDatabase('mypage enroll-code, kiosks, revoke-kiosk (issue 5, fleet view)', (database) => {
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let db: Db;
  let app: FastifyInstance;
  let close: (() => Promise<void>) | undefined;
  const clock = new TestClock(new Date('2026-05-01T09:00:00.000Z'));

  beforeAll(async () => {
    const fresh = await freshDatabase(database);
    drop = fresh.drop;
    env = { DATABASE_URL: fresh.url, MYPAGE_CLOCK_START: clock.now().toISOString() };
    const config = loadConfig({
      DATABASE_URL: fresh.url,
      NODE_ENV: 'test',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
    });
    ({ app, db, close } = await composeService(config, { clock }));
  }, 60_000);
  afterAll(async () => {
    await close?.();
    await drop?.();
  });

  const post = async (url: string, payload: object) => {
    const r = await app.inject({ method: 'POST', url, payload });
    return { status: r.statusCode, body: r.body ? r.json<Record<string, string>>() : {} };
  };
  const fleet = async () => JSON.parse((await runMypage(['kiosks', '--json'], env)).stdout) as FleetJson[];

  it(
    'R-KIOSK-5: enroll-code prints a one-time code that enrolls exactly one terminal of that office',
    { timeout: 180_000 },
    async () => {
      const missing = await runMypage(['enroll-code', '--office', '新宿公共職業安定所'], env);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--label');

      const r = await runMypage(['enroll-code', '--office', '新宿公共職業安定所', '--label', '窓口横 1'], env);
      expect(r.code, r.stderr).toBe(0);
      const code = r.stdout.split('\n')[0]!;
      expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){2}$/);
      expect(r.stdout).toContain('valid until 2026-05-02T09:00:00.000Z');
      const row = await db
        .selectFrom('enrollment_codes')
        .selectAll()
        .where('code_hash', '=', sha256(code.replace(/-/g, '')))
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ label: '窓口横 1', used_at: null });

      const keys = newKeyPair();
      const enrolled = await post(api.kioskEnroll.path, {
        code,
        publicKey: keys.publicKey,
        machineIdHash: machineHash('cloned'),
        version: '1.0.0',
      });
      expect(enrolled.status).toBe(201);
      expect(enrolled.body.office).toBe('新宿公共職業安定所');
      expect(
        (await post(api.kioskEnroll.path, { code, publicKey: newKeyPair().publicKey, machineIdHash: machineHash() }))
          .status,
      ).toBe(401);
    },
  );

  it(
    'R-KIOSK-5: kiosks lists terminals by office with label, version, last heartbeat and state, flagging duplicate machine IDs',
    { timeout: 180_000 },
    async () => {
      // a second terminal from the same (cloned) image, and one in another office that sends a heartbeat
      const { code: c2 } = await issueEnrollmentCode(db, clock, { office: '新宿公共職業安定所', label: '窓口横 2' });
      expect(
        (
          await post(api.kioskEnroll.path, {
            code: c2,
            publicKey: newKeyPair().publicKey,
            machineIdHash: machineHash('cloned'),
          })
        ).status,
      ).toBe(201);
      const { code: c3 } = await issueEnrollmentCode(db, clock, {
        office: '飯田橋公共職業安定所',
        label: '検索コーナー',
      });
      const keys = newKeyPair();
      const hash = machineHash('iidabashi-1');
      const t3 = (await post(api.kioskEnroll.path, { code: c3, publicKey: keys.publicKey, machineIdHash: hash })).body
        .terminalId!;
      const nonce = (await post(api.kioskNonce.path, { terminalId: t3 })).body.nonce!;
      expect(
        (
          await post(api.kioskHeartbeat.path, {
            terminalId: t3,
            version: '1.2.0',
            nonce,
            signature: signFor({ terminalId: t3, machineIdHash: hash, privateKey: keys.privateKey }, nonce, {
              purpose: 'heartbeat',
            }),
          })
        ).status,
      ).toBe(204);

      const list = await fleet();
      expect(list.map((t) => [t.office, t.label, t.state])).toEqual([
        ['新宿公共職業安定所', '窓口横 1', 'duplicate-machine-id'],
        ['新宿公共職業安定所', '窓口横 2', 'duplicate-machine-id'],
        ['飯田橋公共職業安定所', '検索コーナー', 'active'],
      ]);
      expect(list[2]).toMatchObject({ terminalId: t3, version: '1.2.0', lastHeartbeat: clock.now().toISOString() });

      const text = await runMypage(['kiosks'], env);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^新宿公共職業安定所$/m);
      expect(text.stdout).toMatch(/^飯田橋公共職業安定所$/m);
      expect(text.stdout).toContain('duplicate-machine-id');
      expect(text.stdout).toContain(`${t3}\t検索コーナー\t1.2.0\t${clock.now().toISOString()}`);
      expect(text.stdout).toContain('warning: 2 terminals share a machine ID');
    },
  );

  it(
    'R-KIOSK-2: revoke-kiosk takes effect at the next call: the visitor session ends, the terminal gets no nonce, the state is revoked',
    { timeout: 180_000 },
    async () => {
      const target = (await listFleet(db)).find((t) => t.label === '検索コーナー')!;
      await db
        .insertInto('accounts')
        .values({
          id: 'acc1',
          login_id: 'v@example.jp',
          password_hash: 'x',
          company: 'C',
          office_id: (await db.selectFrom('offices').select('id').executeTakeFirstOrThrow()).id,
          status: 'active',
          withdrawn_at: null,
          created_at: 0,
          updated_at: 0,
          password_changed_at: 0,
        })
        .execute();
      await db
        .insertInto('sessions')
        .values({
          id: 's1',
          token_hash: sha256('visitor-token'),
          account_id: 'acc1',
          kind: 'kiosk',
          terminal_id: target.terminalId,
          created_at: clock.now().getTime(),
          last_seen_at: clock.now().getTime(),
          expires_at: clock.now().getTime() + 3_600_000,
          revoked_at: null,
        })
        .execute();
      const home = () =>
        app.inject({ method: 'GET', url: api.home.path, headers: { authorization: 'Bearer visitor-token' } });
      expect((await home()).statusCode).toBe(200);

      const r = await runMypage(['revoke-kiosk', '--terminal', target.terminalId], env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`revoked ${target.terminalId} (1 visitor session(s) ended)`);
      expect((await home()).statusCode).toBe(401);
      expect((await post(api.kioskNonce.path, { terminalId: target.terminalId })).status).toBe(401);
      expect((await fleet()).find((t) => t.terminalId === target.terminalId)?.state).toBe('revoked');
      expect(
        (
          await db
            .selectFrom('kiosk_terminals')
            .select('revoked_at')
            .where('id', '=', target.terminalId)
            .executeTakeFirstOrThrow()
        ).revoked_at,
      ).toBe(clock.now().getTime());

      const unknown = await runMypage(['revoke-kiosk', '--terminal', 'no-such-terminal'], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no terminal no-such-terminal');
    },
  );
});
