import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  R_KIOSK_2_NONCE_TTL_MS,
  R_KIOSK_4_SESSION_ABSOLUTE_MS,
  R_KIOSK_4_SESSION_IDLE_MS,
} from '../../../src-shared/rules.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import { revokeTerminal } from '../../../src-server/kiosk/fleet.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { OTP_SUBJECT } from '../../support/sign-in.js';
import { attest, enrollKiosk, fetchNonce, machineHash, newKeyPair, signFor } from './kiosk-helpers.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

type LoginBody = {
  status: string;
  kind?: string;
  token?: string;
  expiresAt?: string;
  attestationFailed?: boolean;
  challenge?: string;
  error?: string;
};

describeEachDatabase('kiosk attestation', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const login = (id: string, attestation: object) =>
    createClient(svc.url).post<LoginBody>(api.login.path, { id, password: PASSWORD, attestation });
  const failures = async (id: string) =>
    (await listAudit(svc.db, { type: 'kiosk.attestation_failed', loginId: id })).map(
      (e) => JSON.parse(e.detail).reason as string,
    );
  let n = 0;
  const visitor = async () => {
    const id = `visitor${n++}@example.jp`;
    await svc.createEmployer({ id, password: PASSWORD });
    return id;
  };

  it('R-OTP-7, R-KIOSK-2: a terminal signing a fresh nonce skips the OTP: a short kiosk session, bearer token, no cookie, nonce spent', async () => {
    const k = await enrollKiosk(svc);
    const id = await visitor();
    const a = await attest(svc, k, id);
    const r = await login(id, a);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'authenticated', kind: 'kiosk' });
    expect(r.headers.getSetCookie()).toEqual([]);
    expect(new Date(r.body.expiresAt!).getTime()).toBe(svc.clock.now().getTime() + R_KIOSK_4_SESSION_ABSOLUTE_MS);
    const session = await svc.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', sha256(r.body.token!))
      .executeTakeFirstOrThrow();
    expect(session).toMatchObject({ kind: 'kiosk', terminal_id: k.terminalId, revoked_at: null });
    // Spent: a used nonce is deleted, so it can never be presented again.
    expect(
      await svc.db.selectFrom('kiosk_nonces').selectAll().where('nonce_hash', '=', sha256(a.nonce)).executeTakeFirst(),
    ).toBeUndefined();
    expect(svc.mail.messages().filter((m) => m.to.includes(id) && m.subject === OTP_SUBJECT)).toHaveLength(0);
    expect(
      (await createClient(svc.url).get(api.home.path, { headers: { authorization: `Bearer ${r.body.token}` } })).status,
    ).toBe(200);
    expect(await listAudit(svc.db, { type: 'login.kiosk', loginId: id })).toHaveLength(1);
  });

  it('R-KIOSK-2: replayed, forged, expired, mismatching, foreign and unknown attestations fall back to the OTP step, each with an audit event', async () => {
    const k = await enrollKiosk(svc);
    const other = await enrollKiosk(svc);
    const id = await visitor();
    const expectFallback = async (attestation: object) => {
      const r = await login(id, attestation);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'otp_required', attestationFailed: true });
      svc.clock.advance(1); // audit events sort by time
    };
    // replayed: a nonce that already opened a session
    const used = await attest(svc, k, id);
    expect((await login(id, used)).body.status).toBe('authenticated');
    await expectFallback(used);
    // forged: signed by another key
    const n1 = await fetchNonce(svc, k.terminalId);
    await expectFallback({
      terminalId: k.terminalId,
      nonce: n1,
      signature: signFor({ ...k, privateKey: newKeyPair().privateKey }, n1, { purpose: 'login', loginId: id }),
    });
    // mismatching: the enrolled key on a machine with another machine ID (a copied key file)
    const n2 = await fetchNonce(svc, k.terminalId);
    await expectFallback({
      terminalId: k.terminalId,
      nonce: n2,
      signature: signFor({ ...k, machineIdHash: machineHash('another machine') }, n2, {
        purpose: 'login',
        loginId: id,
      }),
    });
    // expired: five minutes after it was issued
    const n3 = await fetchNonce(svc, k.terminalId);
    svc.clock.advance(R_KIOSK_2_NONCE_TTL_MS);
    await expectFallback({
      terminalId: k.terminalId,
      nonce: n3,
      signature: signFor(k, n3, { purpose: 'login', loginId: id }),
    });
    // foreign: a nonce issued to another terminal
    const n4 = await fetchNonce(svc, other.terminalId);
    await expectFallback({
      terminalId: k.terminalId,
      nonce: n4,
      signature: signFor(k, n4, { purpose: 'login', loginId: id }),
    });
    // unknown terminal
    await expectFallback({
      terminalId: 'unknown-terminal',
      nonce: n4,
      signature: signFor({ ...k, terminalId: 'unknown-terminal' }, n4, { purpose: 'login', loginId: id }),
    });
    expect(await failures(id)).toEqual([
      'nonce_invalid',
      'bad_signature',
      'bad_signature',
      'nonce_invalid',
      'nonce_invalid',
      'nonce_invalid',
    ]);
    // the forged nonce was spent all the same: it cannot be retried with a good signature
    await expectFallback({
      terminalId: k.terminalId,
      nonce: n1,
      signature: signFor(k, n1, { purpose: 'login', loginId: id }),
    });
  });

  it('R-KIOSK-3: the kiosk session is short: refused after R_KIOSK_4_SESSION_IDLE_MS without use', async () => {
    const k = await enrollKiosk(svc);
    const id = await visitor();
    const r = await login(id, await attest(svc, k, id));
    const home = () =>
      createClient(svc.url).get(api.home.path, { headers: { authorization: `Bearer ${r.body.token}` } });
    svc.clock.advance(R_KIOSK_4_SESSION_IDLE_MS - 1);
    expect((await home()).status).toBe(200);
    svc.clock.advance(R_KIOSK_4_SESSION_IDLE_MS);
    expect((await home()).status).toBe(401);
  });

  it('R-KIOSK-2: a nonce fresh one millisecond before five minutes still attests', async () => {
    const k = await enrollKiosk(svc);
    const id = await visitor();
    const a = await attest(svc, k, id);
    svc.clock.advance(R_KIOSK_2_NONCE_TTL_MS - 1);
    expect((await login(id, a)).body.status).toBe('authenticated');
  });

  it('R-KIOSK-2 (fleet): revoking a terminal ends its visitor sessions at once; its next logins take the OTP step; other terminals go on', async () => {
    const k = await enrollKiosk(svc);
    const bystander = await enrollKiosk(svc);
    const id = await visitor();
    const open = await login(id, await attest(svc, k, id));
    const keep = await login(id, await attest(svc, bystander, id));
    const pending = await attest(svc, k, id); // fetched before the revocation
    const r = await revokeTerminal(svc.db, svc.clock, k.terminalId);
    expect(r).toEqual({ status: 'revoked', sessionsEnded: 1 });
    const bearer = (t: string | undefined) => ({ headers: { authorization: `Bearer ${t}` } });
    expect((await createClient(svc.url).get(api.home.path, bearer(open.body.token))).status).toBe(401);
    expect((await createClient(svc.url).get(api.home.path, bearer(keep.body.token))).status).toBe(200);
    expect((await login(id, pending)).body).toMatchObject({ status: 'otp_required', attestationFailed: true });
    expect((await createClient(svc.url).post(api.kioskNonce.path, { terminalId: k.terminalId })).status).toBe(401);
    expect(
      (
        await svc.db
          .selectFrom('kiosk_terminals')
          .select('revoked_at')
          .where('id', '=', k.terminalId)
          .executeTakeFirstOrThrow()
      ).revoked_at,
    ).toBe(svc.clock.now().getTime());
    expect(await revokeTerminal(svc.db, svc.clock, k.terminalId)).toEqual({ status: 'already_revoked' });
  });

  it('R-KIOSK-2: a heartbeat signed like a login records version, last seen and last painted; a bad or replayed one is 401 attestation_invalid', async () => {
    const k = await enrollKiosk(svc);
    const nonce = await fetchNonce(svc, k.terminalId);
    svc.clock.advance(1000);
    const paintedAt = new Date(svc.clock.now().getTime() - 500).toISOString();
    const beat = {
      terminalId: k.terminalId,
      version: '1.4.0',
      nonce,
      signature: signFor(k, nonce, { purpose: 'heartbeat' }),
      paintedAt,
    };
    const ok = await createClient(svc.url).post(api.kioskHeartbeat.path, beat);
    expect(ok.status).toBe(204);
    svc.clock.advance(1);
    const row = await svc.db
      .selectFrom('kiosk_terminals')
      .selectAll()
      .where('id', '=', k.terminalId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      version: '1.4.0',
      last_seen_at: svc.clock.now().getTime() - 1,
      painted_at: Date.parse(paintedAt),
    });
    const replay = await createClient(svc.url).post(api.kioskHeartbeat.path, { ...beat, version: '9.9.9' });
    svc.clock.advance(1);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('attestation_invalid');
    const n2 = await fetchNonce(svc, k.terminalId);
    const forged = await createClient(svc.url).post(api.kioskHeartbeat.path, {
      ...beat,
      nonce: n2,
      signature: signFor({ ...k, privateKey: newKeyPair().privateKey }, n2, { purpose: 'heartbeat' }),
    });
    expect(forged.status).toBe(401);
    expect(
      (
        await svc.db
          .selectFrom('kiosk_terminals')
          .select('version')
          .where('id', '=', k.terminalId)
          .executeTakeFirstOrThrow()
      ).version,
    ).toBe('1.4.0');
    expect(
      (await listAudit(svc.db, { type: 'kiosk.heartbeat_refused' })).map((e) => JSON.parse(e.detail).reason),
    ).toEqual(['nonce_invalid', 'bad_signature']);
  });

  it('R-KIOSK-2 (concurrency): the same nonce used by 10 parallel logins is accepted at most once', async () => {
    const k = await enrollKiosk(svc);
    const ids = await Promise.all(Array.from({ length: 10 }, () => visitor()));
    // R-KIOSK-7: one nonce, each login's signature naming its own ID
    const nonce = await fetchNonce(svc, k.terminalId);
    const answers = await Promise.all(
      ids.map((id) =>
        login(id, { terminalId: k.terminalId, nonce, signature: signFor(k, nonce, { purpose: 'login', loginId: id }) }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    const accepted = answers.filter((r) => r.body.status === 'authenticated');
    expect(accepted).toHaveLength(1);
    expect(answers.filter((r) => r.body.status === 'otp_required' && r.body.attestationFailed)).toHaveLength(9);
    const sessions = await svc.db.selectFrom('sessions').select('id').where('terminal_id', '=', k.terminalId).execute();
    expect(sessions).toHaveLength(1);
    const reasons = (await Promise.all(ids.map(failures))).flat();
    expect(reasons).toEqual(Array(9).fill('nonce_invalid'));
  });
});
