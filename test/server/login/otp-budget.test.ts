import { afterAll, beforeAll, expect, it } from 'vitest';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { errorText } from '../../../src-shared/api/errors.js';
import {
  R_OTP_2_MAX_ATTEMPTS,
  R_OTP_8_MAX_OTP_MAILS,
  R_OTP_8_MAX_WRONG_OTPS,
  R_OTP_8_WINDOW_MS,
} from '../../../src-shared/rules.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import type { AttestationVerifier } from '../../../src-server/login/attestation-verifier.js';
import { OTP_BUDGET_SUBJECT } from '../../../src-server/mail/mail-templates.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient, type TestClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { OTP_SUBJECT, wrongOtp } from '../../support/sign-in.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const GOOD = Buffer.from('good signature').toString('base64');
const fakeVerifier: AttestationVerifier = {
  async verify(_trx, attestation) {
    return attestation.signature === GOOD
      ? { ok: true, terminalId: attestation.terminalId }
      : { ok: false, reason: 'bad_signature' };
  },
};

describeEachDatabase('OTP budget per account and hour', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, attestationVerifier: fakeVerifier });
  });
  afterAll(() => svc.close());

  const count = async (to: string, subject: string) => {
    await svc.mail.waitFor({ to }); // every queued mail has left the outbox
    return svc.mail.messages().filter((m) => m.to.includes(to) && m.subject === subject).length;
  };
  async function startLogin(id: string, c: TestClient = createClient(svc.url)) {
    const r = await c.post<{ challenge: string }>(api.login.path, { id, password: PASSWORD });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return { c, challenge: r.body.challenge, otp: await svc.mail.latestCode(id, OTP_SUBJECT) };
  }
  const enter = (l: { c: TestClient; challenge: string }, otp: string) =>
    l.c.post(api.loginOtp.path, { challenge: l.challenge, otp, rememberDevice: false });
  function expectBudgetRefusal(r: { status: number; body: Record<string, unknown>; headers: Headers }) {
    expect(r.status).toBe(429);
    expect(r.body).toMatchObject({ error: 'otp_budget_exhausted', message: errorText.otp_budget_exhausted.ja });
    expect(String(r.body.message)).toContain('しばらく時間を空けてから');
    expect(r.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(r.headers.get('retry-after')).toBe(String(r.body.retryAfterSeconds));
  }

  it(`R-OTP-8: ${R_OTP_8_MAX_WRONG_OTPS} wrong OTPs an hour across challenges, then the OTP step (even the right OTP) and the login answer 429; the owner is mailed once`, async () => {
    const id = 'wrong30@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const spare = await startLogin(id); // a live challenge kept aside, right OTP in hand
    for (let round = 0; round < R_OTP_8_MAX_WRONG_OTPS / R_OTP_2_MAX_ATTEMPTS; round++) {
      const l = await startLogin(id); // restarting the login: ten fresh tries of R-OTP-2, same budget
      for (let i = 1; i <= R_OTP_2_MAX_ATTEMPTS; i++)
        expect((await enter(l, wrongOtp(l.otp))).status).toBe(i < R_OTP_2_MAX_ATTEMPTS ? 401 : 410);
    }
    expectBudgetRefusal(await enter(spare, spare.otp));
    expectBudgetRefusal(await createClient(svc.url).post(api.login.path, { id, password: PASSWORD }));
    expectBudgetRefusal(await enter(spare, spare.otp));
    // a wrong password still answers as ever (the budget speaks only after a correct one)
    expect((await createClient(svc.url).post(api.login.path, { id, password: 'Wrong-pass1' })).status).toBe(401);
    const notice = await svc.mail.waitFor({ to: id, subject: OTP_BUDGET_SUBJECT });
    expect(notice.text).toContain('パスワードをお忘れの方');
    expect(await count(id, OTP_BUDGET_SUBJECT)).toBe(1);
    expect(await count(id, OTP_SUBJECT)).toBe(4); // no OTP mail for the refused login
    const account = (await findAccountByLoginId(svc.db, id))!;
    expect(
      await svc.db.selectFrom('sessions').select('id').where('account_id', '=', account.id).execute(),
    ).toHaveLength(0);
    expect((await listAudit(svc.db, { type: 'otp.budget_refused', loginId: id })).length).toBe(3);
    // rolling hour: once the oldest wrong entry is an hour old, a slot is free again
    svc.clock.advance(R_OTP_8_WINDOW_MS);
    const again = await startLogin(id);
    expect((await enter(again, again.otp)).status).toBe(200);
  });

  it(`R-OTP-8: ${R_OTP_8_MAX_OTP_MAILS} OTP mails an hour; the next login after a correct password answers 429 and mails nothing, an OTP already mailed still signs in`, async () => {
    const id = 'mail10@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const logins = [];
    for (let i = 0; i < R_OTP_8_MAX_OTP_MAILS; i++) {
      logins.push(await startLogin(id));
      svc.clock.advance(60_000);
    }
    const refused = await createClient(svc.url).post(api.login.path, { id, password: PASSWORD });
    expectBudgetRefusal(refused);
    // the first mail leaves the window 1 h after it was sent: 50 minutes from now (+ the minute of the last advance)
    expect(refused.body.retryAfterSeconds).toBe((R_OTP_8_WINDOW_MS - R_OTP_8_MAX_OTP_MAILS * 60_000) / 1000);
    expect(await count(id, OTP_SUBJECT)).toBe(R_OTP_8_MAX_OTP_MAILS);
    expect(await count(id, OTP_BUDGET_SUBJECT)).toBe(1);
    const last = logins.at(-1)!;
    expect((await enter(last, last.otp)).status).toBe(200);
    svc.clock.advance((refused.body.retryAfterSeconds as number) * 1000);
    await startLogin(id); // the first mail has left the window: one slot again
    expectBudgetRefusal(await createClient(svc.url).post(api.login.path, { id, password: PASSWORD }));
    expect(await count(id, OTP_BUDGET_SUBJECT)).toBe(1); // once per hour, not per refusal
  });

  it('R-OTP-8, R-OTP-7: an attested kiosk skips the OTP and is never blocked by the budget; a kiosk whose attestation fails falls back to the OTP and is refused like a browser', async () => {
    const id = 'kiosk-budget@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    for (let i = 0; i < R_OTP_8_MAX_OTP_MAILS; i++) await startLogin(id);
    const attested = await createClient(svc.url).post(api.login.path, {
      id,
      password: PASSWORD,
      attestation: { terminalId: 'T1', nonce: 'n1', signature: GOOD },
    });
    expect(attested.status).toBe(200);
    expect(attested.body).toMatchObject({ status: 'authenticated', kind: 'kiosk' });
    const forged = await createClient(svc.url).post(api.login.path, {
      id,
      password: PASSWORD,
      attestation: { terminalId: 'T1', nonce: 'n2', signature: Buffer.from('forged').toString('base64') },
    });
    expectBudgetRefusal(forged);
    expect(await count(id, OTP_SUBJECT)).toBe(R_OTP_8_MAX_OTP_MAILS);
  });

  it('R-OTP-8: a remembered browser skips the OTP and is not blocked by the budget', async () => {
    const id = 'trusted-budget@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const mine = createClient(svc.url);
    const first = await startLogin(id, mine);
    expect(
      (await mine.post(api.loginOtp.path, { challenge: first.challenge, otp: first.otp, rememberDevice: true })).status,
    ).toBe(200);
    for (let i = 1; i < R_OTP_8_MAX_OTP_MAILS; i++) await startLogin(id);
    expectBudgetRefusal(await createClient(svc.url).post(api.login.path, { id, password: PASSWORD }));
    const r = await mine.post(api.login.path, { id, password: PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'authenticated', kind: 'web' });
  });
});
