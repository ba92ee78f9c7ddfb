import { sign } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { enrollKiosk, fetchNonce, signFor, type FakeKiosk } from './kiosk-helpers.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

describeEachDatabase('kiosk attestation v2', (database) => {
  let svc: TestService;
  let k: FakeKiosk;
  beforeAll(async () => {
    svc = await startTestService({ database });
    k = await enrollKiosk(svc);
    await svc.createEmployer({ id: 'v2-a@example.jp', password: PASSWORD });
    await svc.createEmployer({ id: 'v2-b@example.jp', password: PASSWORD });
  });
  afterAll(() => svc.close());

  const login = (id: string, attestation: object) =>
    createClient(svc.url).post<{ status: string; attestationFailed?: boolean }>(api.login.path, {
      id,
      password: PASSWORD,
      attestation,
    });
  const heartbeat = (nonce: string, signature: string) =>
    createClient(svc.url).post(api.kioskHeartbeat.path, {
      terminalId: k.terminalId,
      version: '2.0.0',
      nonce,
      signature,
    });
  const lastReason = async (id: string) =>
    JSON.parse((await listAudit(svc.db, { type: 'kiosk.attestation_failed', loginId: id })).at(-1)!.detail)
      .reason as string;
  const v1 = (nonce: string) =>
    sign(
      null,
      Buffer.from(`hw-kiosk-attest/v1\n${k.terminalId}\n${k.machineIdHash}\n${nonce}`, 'utf8'),
      k.privateKey,
    ).toString('base64');

  it('R-KIOSK-7: a login signed for its own ID (normalised as the service does) skips the OTP', async () => {
    const nonce = await fetchNonce(svc, k.terminalId);
    const r = await login(' V2-A@example.jp ', {
      terminalId: k.terminalId,
      nonce,
      signature: signFor(k, nonce, { purpose: 'login', loginId: 'v2-a@example.jp' }),
    });
    expect(r.body).toMatchObject({ status: 'authenticated', kind: 'kiosk' });
  });

  it('R-KIOSK-7: a captured heartbeat signature cannot be spent as a login: the OTP step, and an audit event', async () => {
    const nonce = await fetchNonce(svc, k.terminalId);
    const r = await login('v2-a@example.jp', {
      terminalId: k.terminalId,
      nonce,
      signature: signFor(k, nonce, { purpose: 'heartbeat' }),
    });
    expect(r.body).toMatchObject({ status: 'otp_required', attestationFailed: true });
    expect(await lastReason('v2-a@example.jp')).toBe('bad_signature');
  });

  it('R-KIOSK-7: a login signature for one account cannot sign in another', async () => {
    svc.clock.advance(1);
    const nonce = await fetchNonce(svc, k.terminalId);
    const r = await login('v2-b@example.jp', {
      terminalId: k.terminalId,
      nonce,
      signature: signFor(k, nonce, { purpose: 'login', loginId: 'v2-a@example.jp' }),
    });
    expect(r.body).toMatchObject({ status: 'otp_required', attestationFailed: true });
    expect(await lastReason('v2-b@example.jp')).toBe('bad_signature');
  });

  it('R-KIOSK-7: a login signature is not a heartbeat, and a heartbeat signs with purpose "heartbeat"', async () => {
    const n1 = await fetchNonce(svc, k.terminalId);
    expect((await heartbeat(n1, signFor(k, n1, { purpose: 'login', loginId: '' }))).status).toBe(401);
    const n2 = await fetchNonce(svc, k.terminalId);
    expect((await heartbeat(n2, signFor(k, n2, { purpose: 'heartbeat' }))).status).toBe(204);
  });

  it('R-KIOSK-7: the v1 text is refused: a v1 login takes the OTP step, a v1 heartbeat is 401 attestation_invalid', async () => {
    svc.clock.advance(1);
    const n1 = await fetchNonce(svc, k.terminalId);
    expect(
      (await login('v2-a@example.jp', { terminalId: k.terminalId, nonce: n1, signature: v1(n1) })).body,
    ).toMatchObject({ status: 'otp_required', attestationFailed: true });
    expect(await lastReason('v2-a@example.jp')).toBe('bad_signature');
    const n2 = await fetchNonce(svc, k.terminalId);
    const beat = await heartbeat(n2, v1(n2));
    expect(beat.status).toBe(401);
    expect(beat.body).toMatchObject({ error: 'attestation_invalid' });
  });
});
