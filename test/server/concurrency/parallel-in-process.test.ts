import { afterAll, beforeAll, expect, it } from 'vitest';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import {
  R_LOGIN_3_MAX_FAILED_PASSWORDS,
  R_OTP_2_MAX_ATTEMPTS,
  R_OTP_8_MAX_WRONG_OTPS,
  R_PW_7_MAX_MAILS,
  R_PW_7_WINDOW_MS,
} from '../../../src-shared/rules.js';
import { RESET_KEY_SUBJECT } from '../../../src-server/recovery/recovery-mails.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { OTP_SUBJECT, wrongOtp } from '../../support/sign-in.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';
import { liveSessions, otpTriesCounted } from '../../support/db-rows.js';

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

describeEachDatabase('concurrency in one process', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  it('R-LOGIN-3: 40 parallel wrong passwords count as at most 5 failures, and the correct password is then refused', async () => {
    await svc.createEmployer({ id: 'race@example.jp', password: PASSWORD });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        createClient(svc.url).post(api.login.path, { id: 'race@example.jp', password: `Wrong-${i}!` }),
      ),
    );
    const t = tally(answers.map((a) => a.status));
    // exactly five passwords were checked: four said "wrong", the fifth locked; the rest never got a try
    expect(t).toEqual({ 401: R_LOGIN_3_MAX_FAILED_PASSWORDS - 1, 423: 40 - (R_LOGIN_3_MAX_FAILED_PASSWORDS - 1) });
    const row = await svc.db
      .selectFrom('login_failures')
      .selectAll()
      .where('login_id', '=', 'race@example.jp')
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(R_LOGIN_3_MAX_FAILED_PASSWORDS);
    expect(row.locked_until).not.toBeNull();
    const correct = await createClient(svc.url).post(api.login.path, { id: 'race@example.jp', password: PASSWORD });
    expect(correct.status).toBe(423);
  });

  it('R-OTP-2: 30 parallel wrong OTPs exhaust it at exactly 10', async () => {
    await svc.createEmployer({ id: 'otprace@example.jp', password: PASSWORD });
    const c = createClient(svc.url);
    const login = await c.post<{ challenge: string }>(api.login.path, { id: 'otprace@example.jp', password: PASSWORD });
    const otp = await svc.mail.latestCode('otprace@example.jp', OTP_SUBJECT);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        createClient(svc.url).post(api.loginOtp.path, {
          challenge: login.body.challenge,
          otp: wrongOtp(otp),
          rememberDevice: false,
        }),
      ),
    );
    const t = tally(answers.map((a) => a.status));
    expect(t).toEqual({ 401: R_OTP_2_MAX_ATTEMPTS - 1, 410: 30 - (R_OTP_2_MAX_ATTEMPTS - 1) });
    expect(answers.filter((a) => a.status === 410).every((a) => a.body.error === 'otp_exhausted')).toBe(true);
    const row = await svc.db
      .selectFrom('login_challenges')
      .selectAll()
      .where('id', '=', sha256(login.body.challenge))
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(R_OTP_2_MAX_ATTEMPTS);
    expect(
      (await c.post(api.loginOtp.path, { challenge: login.body.challenge, otp, rememberDevice: false })).body.error,
    ).toBe('otp_exhausted');
  });

  it('R-OTP-1: the right OTP sent 10 times in parallel opens exactly one session', async () => {
    await svc.createEmployer({ id: 'once-race@example.jp', password: PASSWORD });
    const login = await createClient(svc.url).post<{ challenge: string }>(api.login.path, {
      id: 'once-race@example.jp',
      password: PASSWORD,
    });
    const otp = await svc.mail.latestCode('once-race@example.jp', OTP_SUBJECT);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        createClient(svc.url).post(api.loginOtp.path, { challenge: login.body.challenge, otp, rememberDevice: false }),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 1, 410: 9 });
    const account = await svc.db
      .selectFrom('accounts')
      .select('id')
      .where('login_id', '=', 'once-race@example.jp')
      .executeTakeFirstOrThrow();
    expect(await svc.db.selectFrom('sessions').selectAll().where('account_id', '=', account.id).execute()).toHaveLength(
      1,
    );
  });

  it(`R-OTP-8: 60 parallel wrong OTPs across 6 challenges of one account count at most ${R_OTP_8_MAX_WRONG_OTPS}; the rest answer 429`, async () => {
    const id = 'budget-race@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const challenges: Array<{ challenge: string; otp: string }> = [];
    for (let i = 0; i < 6; i++) {
      const login = await createClient(svc.url).post<{ challenge: string }>(api.login.path, { id, password: PASSWORD });
      challenges.push({ challenge: login.body.challenge, otp: await svc.mail.latestCode(id, OTP_SUBJECT) });
    }
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const ch = challenges[i % 6]!;
        return createClient(svc.url).post(api.loginOtp.path, {
          challenge: ch.challenge,
          otp: wrongOtp(ch.otp),
          rememberDevice: false,
        });
      }),
    );
    const t = tally(answers.map((a) => a.status));
    expect(t[429]).toBe(60 - R_OTP_8_MAX_WRONG_OTPS);
    expect((t[401] ?? 0) + (t[410] ?? 0)).toBe(R_OTP_8_MAX_WRONG_OTPS);
    expect(await otpTriesCounted(svc.db, challenges)).toBe(R_OTP_8_MAX_WRONG_OTPS);
    // a challenge with tries left: its right OTP is refused too now
    const live = await svc.db
      .selectFrom('login_challenges')
      .select('id')
      .where(
        'id',
        'in',
        challenges.map((c) => sha256(c.challenge)),
      )
      .where('attempts', '<', R_OTP_2_MAX_ATTEMPTS)
      .executeTakeFirstOrThrow();
    const fresh = challenges.find((c) => sha256(c.challenge) === live.id)!;
    expect(
      (
        await createClient(svc.url).post(api.loginOtp.path, {
          challenge: fresh.challenge,
          otp: fresh.otp,
          rememberDevice: false,
        })
      ).status,
    ).toBe(429);
  });

  it(`R-PW-7: 30 parallel reset requests for one account send at most ${R_PW_7_MAX_MAILS} mails, every answer the same 202`, async () => {
    const id = 'reset-race@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => createClient(svc.url).post(api.passwordReset.path, { id })),
    );
    expect(tally(answers.map((a) => a.status))).toEqual({ 202: 30 });
    await svc.mail.waitFor({ to: id, subject: RESET_KEY_SUBJECT }); // every queued mail has left the outbox
    expect(svc.mail.messages().filter((m) => m.to.includes(id) && m.subject === RESET_KEY_SUBJECT)).toHaveLength(
      R_PW_7_MAX_MAILS,
    );
    const account = (await findAccountByLoginId(svc.db, id))!;
    expect(
      await svc.db.selectFrom('mailed_keys').select('id').where('account_id', '=', account.id).execute(),
    ).toHaveLength(R_PW_7_MAX_MAILS);
  });

  it('R-CRED-1: an OTP step with rememberDevice racing a password reset never leaves a live session or a trust behind', async () => {
    const id = 'cred-race@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const account = (await findAccountByLoginId(svc.db, id))!;
    let password = PASSWORD;
    const outcomes: number[] = [];
    for (let round = 0; round < 6; round++) {
      svc.clock.advance(R_PW_7_WINDOW_MS); // a fresh hour for each round's mails
      const c = createClient(svc.url);
      const login = await c.post<{ challenge: string }>(api.login.path, { id, password });
      const otp = await svc.mail.latestCode(id, OTP_SUBJECT);
      expect((await createClient(svc.url).post(api.passwordReset.path, { id })).status).toBe(202);
      const key = await svc.mail.latestCode(id, RESET_KEY_SUBJECT);
      const next = `Race-passw0rd${round}`;
      const [step, reset] = await Promise.all([
        c.post(api.loginOtp.path, { challenge: login.body.challenge, otp, rememberDevice: true }),
        createClient(svc.url).post(api.passwordResetComplete.path, {
          id,
          key,
          newPassword: next,
          newPasswordConfirm: next,
        }),
      ]);
      expect(reset.status).toBe(204);
      password = next;
      outcomes.push(step.status);
      // whichever committed first, nothing the old password started is alive afterwards
      expect(
        await svc.db.selectFrom('device_trusts').select('id').where('account_id', '=', account.id).execute(),
      ).toHaveLength(0);
      expect(await liveSessions(svc.db, account.id)).toHaveLength(0);
      expect((await c.get(api.home.path)).status).toBe(401);
    }
    expect(outcomes.every((s) => s === 200 || s === 410)).toBe(true);
  });
});
