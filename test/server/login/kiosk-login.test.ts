import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import type { AttestationVerifier } from '../../../src-server/login/attestation-verifier.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { OTP_SUBJECT } from '../../support/sign-in.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const GOOD = Buffer.from('good signature').toString('base64');

/** Stands in for the kiosk feature's verifier: a "good" signature from terminal T1 attests. */
const fakeVerifier: AttestationVerifier = {
  async verify(_trx, attestation) {
    return attestation.signature === GOOD && attestation.terminalId === 'T1'
      ? { ok: true, terminalId: 'T1' }
      : { ok: false, reason: 'bad_signature' };
  },
};

describeEachDatabase('kiosk login', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, attestationVerifier: fakeVerifier });
  });
  afterAll(() => svc.close());

  const otpMails = (id: string) =>
    svc.mail.messages().filter((m) => m.to.includes(id) && m.subject === OTP_SUBJECT).length;

  it('R-OTP-7: an attested kiosk login skips the OTP: bearer token, no cookie, no mail', async () => {
    await svc.createEmployer({ id: 'kiosk@example.jp', password: PASSWORD });
    const kiosk = createClient(svc.url);
    const r = await kiosk.post<{ status: string; kind: string; token: string; expiresAt: string }>(api.login.path, {
      id: 'kiosk@example.jp',
      password: PASSWORD,
      attestation: { terminalId: 'T1', nonce: 'n1', signature: GOOD },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'authenticated', kind: 'kiosk' });
    expect(r.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r.headers.getSetCookie()).toEqual([]);
    expect(otpMails('kiosk@example.jp')).toBe(0);
    const session = await svc.db
      .selectFrom('sessions')
      .selectAll()
      .where('kind', '=', 'kiosk')
      .executeTakeFirstOrThrow();
    expect(session).toMatchObject({ terminal_id: 'T1' });
    const home = await createClient(svc.url).get(api.home.path, {
      headers: { authorization: `Bearer ${r.body.token}` },
    });
    expect(home.status).toBe(200);
  });

  it('R-KIOSK-2, R-OTP-6: a failed attestation falls back to the OTP step, leaves an audit event, and never remembers the terminal', async () => {
    await svc.createEmployer({ id: 'fallback@example.jp', password: PASSWORD });
    const kiosk = createClient(svc.url);
    const r = await kiosk.post<{ status: string; challenge: string; attestationFailed: boolean }>(api.login.path, {
      id: 'fallback@example.jp',
      password: PASSWORD,
      attestation: { terminalId: 'T1', nonce: 'n2', signature: Buffer.from('forged').toString('base64') },
    });
    expect(r.body).toMatchObject({ status: 'otp_required', attestationFailed: true });
    const events = await listAudit(svc.db, { type: 'kiosk.attestation_failed', loginId: 'fallback@example.jp' });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.detail)).toEqual({ reason: 'bad_signature', terminalId: 'T1' });

    // R-KIOSK-3 / R-OTP-6: the OTP answer of a kiosk login is a bearer session; even if the skip is
    // asked for, a shared terminal gets no cookie and no device trust
    const otp = await svc.mail.latestCode('fallback@example.jp', OTP_SUBJECT);
    const done = await kiosk.post(api.loginOtp.path, { challenge: r.body.challenge, otp, rememberDevice: true });
    expect(done.body).toMatchObject({ status: 'authenticated', kind: 'kiosk' });
    expect(typeof done.body.token).toBe('string');
    expect(done.headers.getSetCookie()).toEqual([]);
    expect(await svc.db.selectFrom('device_trusts').selectAll().execute()).toHaveLength(0);
  });

  it('R-KIOSK-3: a kiosk login ignores any device-trust cookie and a wrong password still counts', async () => {
    await svc.createEmployer({ id: 'strict@example.jp', password: PASSWORD });
    const kiosk = createClient(svc.url);
    const wrong = await kiosk.post(api.login.path, {
      id: 'strict@example.jp',
      password: 'Wrong-pass1',
      attestation: { terminalId: 'T1', nonce: 'n3', signature: GOOD },
    });
    expect(wrong.status).toBe(401);
    expect(
      await svc.db
        .selectFrom('login_failures')
        .select('failures')
        .where('login_id', '=', 'strict@example.jp')
        .executeTakeFirst(),
    ).toEqual({ failures: 1 });
  });

  it('R-KIOSK-3: a kiosk bearer token is not accepted as a cookie, nor a web cookie as a bearer', async () => {
    await svc.createEmployer({ id: 'cross@example.jp', password: PASSWORD });
    const r = await createClient(svc.url).post<{ token: string }>(api.login.path, {
      id: 'cross@example.jp',
      password: PASSWORD,
      attestation: { terminalId: 'T1', nonce: 'n4', signature: GOOD },
    });
    const asCookie = await createClient(svc.url).get(api.home.path, {
      headers: { cookie: `mypage_session=${r.body.token}` },
    });
    expect(asCookie.status).toBe(401);
  });
});
