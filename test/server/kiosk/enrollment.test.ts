import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_KIOSK_5_ENROLLMENT_CODE_TTL_MS, R_KIOSK_2_NONCE_TTL_MS } from '../../../src-shared/rules.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import { issueEnrollmentCode } from '../../../src-server/kiosk/enrollment.service.js';
import { listFleet, revokeTerminal } from '../../../src-server/kiosk/fleet.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { enrollKiosk, machineHash, newKeyPair } from './kiosk-helpers.js';
import { api } from '../../../src-shared/api/routes.js';

const ENROLL = api.kioskEnroll.path;

describeEachDatabase('kiosk enrollment and nonces', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const c = () => createClient(svc.url);
  const code = (label = '来所者端末') =>
    issueEnrollmentCode(svc.db, svc.clock, { office: '飯田橋公共職業安定所', label });

  it('R-KIOSK-5: a one-time code enrolls an Ed25519 key and a machine-ID hash: 201 {terminalId}; the code is stored hashed and spent', async () => {
    const { code: printed, expiresAt } = await code('窓口横 1');
    expect(expiresAt.getTime()).toBe(svc.clock.now().getTime() + R_KIOSK_5_ENROLLMENT_CODE_TTL_MS);
    const keys = newKeyPair();
    const hash = machineHash('machine-1');
    const r = await c().post<{ terminalId: string; office: string }>(ENROLL, {
      code: ` ${printed.toLowerCase()} `,
      publicKey: keys.publicKey,
      machineIdHash: hash,
      version: '1.2.3',
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ terminalId: expect.stringMatching(/^[A-Za-z0-9_-]+$/), office: '飯田橋公共職業安定所' });
    expect(r.headers.getSetCookie()).toEqual([]);
    const row = await svc.db
      .selectFrom('kiosk_terminals')
      .selectAll()
      .where('id', '=', r.body.terminalId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      public_key: keys.publicKey,
      machine_id_hash: hash,
      label: '窓口横 1',
      version: '1.2.3',
      revoked_at: null,
    });
    const codeRow = await svc.db
      .selectFrom('enrollment_codes')
      .selectAll()
      .where('code_hash', '=', sha256(printed.replace(/-/g, '')))
      .executeTakeFirstOrThrow();
    expect(codeRow).toMatchObject({ used_at: svc.clock.now().getTime(), terminal_id: r.body.terminalId });
    expect(JSON.stringify(await svc.db.selectFrom('enrollment_codes').selectAll().execute())).not.toContain(
      printed.replace(/-/g, ''),
    );

    const again = await c().post(ENROLL, {
      code: printed,
      publicKey: newKeyPair().publicKey,
      machineIdHash: machineHash(),
    });
    expect(again.status).toBe(401);
    expect(again.body.error).toBe('enrollment_code_invalid');
    expect(
      await svc.db.selectFrom('kiosk_terminals').select('id').where('machine_id_hash', '=', hash).execute(),
    ).toHaveLength(1);
  });

  it('R-KIOSK-5 (concurrency): one code raced by 8 terminals enrolls exactly one', async () => {
    const { code: printed } = await code();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        c().post(ENROLL, { code: printed, publicKey: newKeyPair().publicKey, machineIdHash: machineHash() }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 401, 401, 401, 401, 401, 401, 401]);
    const row = await svc.db
      .selectFrom('enrollment_codes')
      .selectAll()
      .where('code_hash', '=', sha256(printed.replace(/-/g, '')))
      .executeTakeFirstOrThrow();
    expect(row.terminal_id).toBe(answers.find((a) => a.status === 201)!.body.terminalId);
  });

  it('R-KIOSK-5: a code lives 24 hours: accepted one millisecond before, refused at 24 h; a made-up code is refused', async () => {
    const refusedBefore = (await listAudit(svc.db, { type: 'kiosk.enroll_refused' })).length;
    const early = await code();
    const late = await code();
    svc.clock.advance(R_KIOSK_5_ENROLLMENT_CODE_TTL_MS - 1);
    expect(
      (await c().post(ENROLL, { code: early.code, publicKey: newKeyPair().publicKey, machineIdHash: machineHash() }))
        .status,
    ).toBe(201);
    svc.clock.advance(1);
    const r = await c().post(ENROLL, {
      code: late.code,
      publicKey: newKeyPair().publicKey,
      machineIdHash: machineHash(),
    });
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('enrollment_code_invalid');
    expect(
      (
        await c().post(ENROLL, {
          code: 'ABCD-EFGH-JKMN',
          publicKey: newKeyPair().publicKey,
          machineIdHash: machineHash(),
        })
      ).status,
    ).toBe(401);
    expect(await listAudit(svc.db, { type: 'kiosk.enroll_refused' })).toHaveLength(refusedBefore + 2);
  });

  it('R-KIOSK-2: only a real Ed25519 SPKI key is enrolled (RSA, P-256, X25519, random bytes: 400), and the code is not spent on them', async () => {
    const { code: printed } = await code();
    const spki = (k: ReturnType<typeof generateKeyPairSync>['publicKey']) =>
      k.export({ type: 'spki', format: 'der' }).toString('base64');
    const wrongKeys = [
      spki(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey),
      spki(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey),
      spki(generateKeyPairSync('x25519').publicKey), // same length as Ed25519 SPKI, another algorithm
      randomBytes(44).toString('base64'),
      randomBytes(32).toString('base64'), // a raw key, not SPKI
    ];
    for (const publicKey of wrongKeys) {
      const r = await c().post(ENROLL, { code: printed, publicKey, machineIdHash: machineHash() });
      expect(r.status, publicKey).toBe(400);
      expect(r.body).toMatchObject({ error: 'invalid_request', fields: ['publicKey'] });
    }
    const codeRow = await svc.db
      .selectFrom('enrollment_codes')
      .selectAll()
      .where('code_hash', '=', sha256(printed.replace(/-/g, '')))
      .executeTakeFirstOrThrow();
    expect(codeRow.used_at).toBeNull();
    expect(
      (await c().post(ENROLL, { code: printed, publicKey: newKeyPair().publicKey, machineIdHash: machineHash() }))
        .status,
    ).toBe(201);
  });

  it('R-KIOSK-2: a nonce is single use material for a live terminal: stored hashed, 5 minutes; unknown and revoked terminals get 401 attestation_invalid', async () => {
    const k = await enrollKiosk(svc);
    const r = await c().post<{ nonce: string; expiresAt: string }>(api.kioskNonce.path, { terminalId: k.terminalId });
    expect(r.status).toBe(200);
    expect(new Date(r.body.expiresAt).getTime()).toBe(svc.clock.now().getTime() + R_KIOSK_2_NONCE_TTL_MS);
    const rows = await svc.db.selectFrom('kiosk_nonces').selectAll().where('terminal_id', '=', k.terminalId).execute();
    expect(rows.map((x) => x.nonce_hash)).toEqual([sha256(r.body.nonce)]);
    const unknown = await c().post(api.kioskNonce.path, { terminalId: 'no-such-terminal' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('attestation_invalid');
    await revokeTerminal(svc.db, svc.clock, k.terminalId);
    expect((await c().post(api.kioskNonce.path, { terminalId: k.terminalId })).status).toBe(401);
    expect(
      await svc.db.selectFrom('kiosk_nonces').selectAll().where('terminal_id', '=', k.terminalId).execute(),
    ).toHaveLength(0);
  });

  it('R-KIOSK-5 (fleet): two terminals with one machine-ID hash (a cloned image) are both flagged duplicate-machine-id, until one is revoked', async () => {
    const hash = machineHash('cloned-image');
    const a = await enrollKiosk(svc, { office: '新宿公共職業安定所', label: 'A', machineIdHash: hash });
    const b = await enrollKiosk(svc, { office: '新宿公共職業安定所', label: 'B', machineIdHash: hash });
    const state = async (id: string) => (await listFleet(svc.db)).find((t) => t.terminalId === id)?.state;
    expect(await state(a.terminalId)).toBe('duplicate-machine-id');
    expect(await state(b.terminalId)).toBe('duplicate-machine-id');
    const events = await listAudit(svc.db, { type: 'kiosk.duplicate_machine_id' });
    expect(events.map((e) => JSON.parse(e.detail))).toContainEqual({ terminalId: b.terminalId, others: a.terminalId });
    await revokeTerminal(svc.db, svc.clock, a.terminalId);
    expect(await state(a.terminalId)).toBe('revoked');
    expect(await state(b.terminalId)).toBe('never-seen');
  });
});
