import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_OTP_8_MAX_OTP_MAILS } from '../../../src-shared/rules.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { createSession } from '../../../src-server/auth/sessions.service.js';
import { EMAIL_CHANGE_KEY_SUBJECT, RESET_KEY_SUBJECT } from '../../../src-server/recovery/recovery-mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient, type TestClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { OTP_SUBJECT, signIn } from '../../support/sign-in.js';
import { NEW_PASSWORD, PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';
import { liveSessions } from '../../support/db-rows.js';

describeEachDatabase('credential changes end what is in flight', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const accountId = async (id: string) => (await findAccountByLoginId(svc.db, id))!.id;
  /** A login someone started with the password of now: the challenge and its mailed OTP. */
  async function pendingLogin(id: string, password = PASSWORD) {
    const c = createClient(svc.url);
    const r = await c.post<{ challenge: string }>(api.login.path, { id, password });
    expect(r.body).toMatchObject({ status: 'otp_required' });
    return { c, challenge: r.body.challenge, otp: await svc.mail.latestCode(id, OTP_SUBJECT) };
  }
  /** Everything an account has in flight: a pending login, a trusted browser, a kiosk session, a mailed reset key. */
  async function inFlight(id: string) {
    const trusted = await svc.as(id, { rememberDevice: true });
    const kiosk = await createSession(svc.db, svc.clock, {
      accountId: await accountId(id),
      kind: 'kiosk',
      terminalId: null,
    });
    expect((await createClient(svc.url).post(api.passwordReset.path, { id })).status).toBe(202);
    const resetKey = await svc.mail.latestCode(id, RESET_KEY_SUBJECT);
    const pending = await pendingLogin(id);
    return { trusted, kiosk, resetKey, pending };
  }
  async function expectAllEnded(id: string, f: Awaited<ReturnType<typeof inFlight>>, keep?: TestClient) {
    const a = await accountId(id);
    // the login started before the change cannot be finished, and with rememberDevice earns no trust
    const late = await f.pending.c.post(api.loginOtp.path, {
      challenge: f.pending.challenge,
      otp: f.pending.otp,
      rememberDevice: true,
    });
    expect(late.status).toBe(410);
    expect(late.body.error).toBe('otp_expired');
    expect(late.headers.getSetCookie()).toEqual([]);
    expect(await svc.db.selectFrom('device_trusts').selectAll().where('account_id', '=', a).execute()).toHaveLength(0);
    expect((await liveSessions(svc.db, a)).length).toBe(keep ? 1 : 0);
    expect((await f.trusted.get(api.home.path)).status).toBe(401);
    expect(
      (await createClient(svc.url).get(api.home.path, { headers: { authorization: `Bearer ${f.kiosk.token}` } }))
        .status,
    ).toBe(401);
    if (keep) expect((await keep.get(api.home.path)).status).toBe(200);
    const pendingChallenges = await svc.db
      .selectFrom('login_challenges')
      .select('id')
      .where('account_id', '=', a)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', svc.clock.now().getTime())
      .execute();
    expect(pendingChallenges).toHaveLength(0);
    const liveKeys = await svc.db
      .selectFrom('mailed_keys')
      .select('id')
      .where('account_id', '=', a)
      .where('used_at', 'is', null)
      .where('expires_at', '>', svc.clock.now().getTime())
      .execute();
    expect(liveKeys).toHaveLength(0);
  }

  it('R-CRED-1: a password change ends sessions (web and kiosk, not the one making it), device trusts, pending challenges and mailed keys', async () => {
    const id = 'change@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const f = await inFlight(id);
    const here = await svc.as(id);
    expect(
      (
        await here.post(api.passwordChange.path, {
          currentPassword: PASSWORD,
          newPassword: NEW_PASSWORD,
          newPasswordConfirm: NEW_PASSWORD,
        })
      ).status,
    ).toBe(204);
    await expectAllEnded(id, f, here);
    expect(
      (
        await createClient(svc.url).post(api.passwordResetComplete.path, {
          id,
          key: f.resetKey,
          newPassword: 'An0ther-pass',
          newPasswordConfirm: 'An0ther-pass',
        })
      ).body.error,
    ).toBe('key_invalid');
  });

  it('R-CRED-1: a completed password reset ends everything in flight; the login started with the old password earns no trust', async () => {
    const id = 'reset@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const f = await inFlight(id);
    expect(
      (
        await createClient(svc.url).post(api.passwordResetComplete.path, {
          id,
          key: f.resetKey,
          newPassword: NEW_PASSWORD,
          newPasswordConfirm: NEW_PASSWORD,
        })
      ).status,
    ).toBe(204);
    await expectAllEnded(id, f);
  });

  it('R-CRED-1: an ID change ends everything in flight but the session that made it', async () => {
    const id = 'idc@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const f = await inFlight(id);
    const here = await svc.as(id);
    expect((await here.post(api.emailChange.path, { newId: 'idc-new@example.jp', password: PASSWORD })).status).toBe(
      202,
    );
    const key = await svc.mail.latestCode('idc-new@example.jp', EMAIL_CHANGE_KEY_SUBJECT);
    expect((await here.post(api.emailConfirm.path, { key })).status).toBe(204);
    await expectAllEnded('idc-new@example.jp', f, here);
  });

  it('R-CRED-1: a withdrawal ends everything in flight', async () => {
    const id = 'leave@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const f = await inFlight(id);
    const here = await svc.as(id);
    expect((await here.post(api.withdraw.path, { password: PASSWORD })).status).toBe(204);
    await expectAllEnded(id, f);
  });

  it('R-CRED-1, R-OTP-8: a new password forgives the OTP budget that the old one ran out', async () => {
    const id = 'forgive@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    for (let i = 0; i < R_OTP_8_MAX_OTP_MAILS; i++) await pendingLogin(id);
    expect((await createClient(svc.url).post(api.login.path, { id, password: PASSWORD })).status).toBe(429);
    expect((await createClient(svc.url).post(api.passwordReset.path, { id })).status).toBe(202);
    const key = await svc.mail.latestCode(id, RESET_KEY_SUBJECT);
    expect(
      (
        await createClient(svc.url).post(api.passwordResetComplete.path, {
          id,
          key,
          newPassword: NEW_PASSWORD,
          newPasswordConfirm: NEW_PASSWORD,
        })
      ).status,
    ).toBe(204);
    await signIn(svc, createClient(svc.url), id, NEW_PASSWORD);
  });
});
