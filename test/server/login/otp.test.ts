import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_OTP_1_TTL_MS } from '../../../src-shared/rules.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { OTP_SUBJECT, wrongOtp } from '../../support/sign-in.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

describeEachDatabase('one-time password', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  async function start(id: string) {
    await svc.createEmployer({ id, password: PASSWORD });
    const c = createClient(svc.url);
    const login = await c.post<{ status: string; challenge: string; expiresAt: string }>(api.login.path, {
      id,
      password: PASSWORD,
    });
    const otp = await svc.mail.latestCode(id, OTP_SUBJECT);
    return { c, challenge: login.body.challenge, expiresAt: login.body.expiresAt, otp };
  }
  const challengeRow = (challenge: string) =>
    svc.db.selectFrom('login_challenges').selectAll().where('id', '=', sha256(challenge)).executeTakeFirstOrThrow();

  it('R-LOGIN-2: the OTP is mailed to the account address as ワンタイムパスワード通知, alone on its line', async () => {
    const { otp } = await start('mail@example.jp');
    const mail = await svc.mail.waitFor({ to: 'mail@example.jp', subject: OTP_SUBJECT });
    expect(mail.text.split('\n').map((l) => l.trim())).toContain(otp);
    expect(mail.text).toContain('30分間');
    // sent mail keeps no code at rest
    const row = await svc.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'mail@example.jp')
      .executeTakeFirstOrThrow();
    expect(row.sent_at).not.toBeNull();
    expect(row.body).toBe('');
  });

  it('R-OTP-1: six CSPRNG digits, stored only as a hash bound to the challenge', async () => {
    const { challenge, otp } = await start('hash@example.jp');
    expect(otp).toMatch(/^\d{6}$/);
    const row = await challengeRow(challenge);
    expect(row.otp_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(otp);
    expect(JSON.stringify(row)).not.toContain(challenge);
    expect(row.expires_at - row.created_at).toBe(R_OTP_1_TTL_MS);
  });

  it('R-OTP-1: single use — the same OTP cannot sign in twice', async () => {
    const { c, challenge, otp } = await start('once@example.jp');
    expect((await c.post(api.loginOtp.path, { challenge, otp, rememberDevice: false })).status).toBe(200);
    const again = await createClient(svc.url).post(api.loginOtp.path, { challenge, otp, rememberDevice: false });
    expect(again.status).toBe(410);
    expect(again.body.error).toBe('otp_expired');
    expect((await challengeRow(challenge)).consumed_at).not.toBeNull();
  });

  it('R-OTP-1: valid for 30 minutes; after that the user must log in again', async () => {
    const a = await start('ttl-a@example.jp');
    const b = await start('ttl-b@example.jp');
    expect(new Date(a.expiresAt).getTime()).toBe(svc.clock.now().getTime() + R_OTP_1_TTL_MS);
    svc.clock.advance(R_OTP_1_TTL_MS - 1000);
    expect(
      (await a.c.post(api.loginOtp.path, { challenge: a.challenge, otp: a.otp, rememberDevice: false })).status,
    ).toBe(200);
    svc.clock.advance(1000);
    const late = await b.c.post(api.loginOtp.path, { challenge: b.challenge, otp: b.otp, rememberDevice: false });
    expect(late.status).toBe(410);
    expect(late.body).toMatchObject({ error: 'otp_expired' });
    expect(late.body.message).toContain('30分間');
    expect((await challengeRow(b.challenge)).attempts).toBe(0); // an expired challenge is not even counted
  });

  it('R-OTP-2: ten wrong entries invalidate the OTP, counting down attemptsLeft', async () => {
    const { c, challenge, otp } = await start('ten@example.jp');
    for (let i = 1; i <= 9; i++) {
      const r = await c.post(api.loginOtp.path, { challenge, otp: wrongOtp(otp), rememberDevice: false });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ error: 'otp_invalid', attemptsLeft: 10 - i });
    }
    const tenth = await c.post(api.loginOtp.path, { challenge, otp: wrongOtp(otp), rememberDevice: false });
    expect(tenth.status).toBe(410);
    expect(tenth.body.error).toBe('otp_exhausted');
    const right = await c.post(api.loginOtp.path, { challenge, otp, rememberDevice: false });
    expect(right.status).toBe(410);
    expect(right.body.error).toBe('otp_exhausted');
    expect(await challengeRow(challenge)).toMatchObject({ attempts: 10, consumed_at: null });
    expect(
      await svc.db
        .selectFrom('sessions')
        .select('id')
        .where('account_id', '=', (await challengeRow(challenge)).account_id)
        .execute(),
    ).toHaveLength(0);
  });

  it('R-OTP-2: a wrong entry then the right one still signs in (nine tries left)', async () => {
    const { c, challenge, otp } = await start('retry@example.jp');
    expect(
      (await c.post(api.loginOtp.path, { challenge, otp: wrongOtp(otp), rememberDevice: false })).body.attemptsLeft,
    ).toBe(9);
    expect(
      (
        await c.post(api.loginOtp.path, {
          challenge,
          otp: ` ${otp.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))} `,
          rememberDevice: false,
        })
      ).status,
    ).toBe(200);
  });

  it('R-OTP-1: an unknown or malformed challenge is refused without a 5xx', async () => {
    const c = createClient(svc.url);
    expect(
      (await c.post(api.loginOtp.path, { challenge: 'no-such-challenge', otp: '123456', rememberDevice: false }))
        .status,
    ).toBe(410);
    expect((await c.post(api.loginOtp.path, { challenge: 'x', otp: '12345', rememberDevice: false })).status).toBe(400);
  });

  it('R-LOGIN-2: a new login issues a new challenge; the old one still expires on its own clock', async () => {
    const first = await start('two@example.jp');
    const second = await first.c.post<{ challenge: string }>(api.login.path, {
      id: 'two@example.jp',
      password: PASSWORD,
    });
    const otp2 = await svc.mail.latestCode('two@example.jp', OTP_SUBJECT);
    expect(second.body.challenge).not.toBe(first.challenge);
    // each OTP belongs to its own challenge
    if (otp2 !== first.otp)
      expect(
        (
          await first.c.post(api.loginOtp.path, {
            challenge: second.body.challenge,
            otp: first.otp,
            rememberDevice: false,
          })
        ).status,
      ).toBe(401);
    expect(
      (await first.c.post(api.loginOtp.path, { challenge: second.body.challenge, otp: otp2, rememberDevice: false }))
        .status,
    ).toBe(200);
  });
});
