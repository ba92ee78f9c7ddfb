import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  R_LOGIN_3_MAX_FAILED_PASSWORDS,
  R_OTP_2_MAX_ATTEMPTS,
  R_OTP_8_MAX_WRONG_OTPS,
  R_PW_7_MAX_MAILS,
} from '../../../src-shared/rules.js';
import { RESET_KEY_SUBJECT } from '../../../src-server/recovery/recovery-mails.js';
import { createEmployer } from '../../../src-server/accounts/accounts.service.js';
import { systemClock } from '../../../src-server/clock.js';
import { codeLine } from '../../../src-server/mail/mail.service.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import type { Db } from '../../../src-server/db/schema.js';
import { postgresSkipReason } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startSmtpSink } from '../../support/smtp-sink.js';
import { startTwoServes, type TwoServes } from '../../support/two-serves.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';
import { otpTriesCounted } from '../../support/db-rows.js';

if (postgresSkipReason) console.warn(`[skipped] two service processes on one PostgreSQL: ${postgresSkipReason}`);

const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

/** Two real `mypage serve` processes share one PostgreSQL database: the limits stay exact across them. */
describe.skipIf(postgresSkipReason !== undefined)(
  'two service processes on one PostgreSQL',
  { timeout: 120_000 },
  () => {
    let serves: TwoServes;
    let db: Db;
    let sink: Awaited<ReturnType<typeof startSmtpSink>>;
    let urls: string[] = [];

    beforeAll(async () => {
      sink = await startSmtpSink();
      serves = await startTwoServes({ SMTP_URL: sink.url });
      ({ db, urls } = serves);
    }, 120_000);

    afterAll(async () => {
      await serves?.close();
      await sink?.close();
    });

    it('R-LOGIN-3: 40 parallel wrong passwords across two processes count as at most 5, then the correct password is refused', async () => {
      await createEmployer(db, systemClock, { id: 'two@example.jp', password: PASSWORD, company: 'C', office: 'O' });
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          createClient(urls[i % 2]!).post(api.login.path, { id: 'two@example.jp', password: `Wrong-${i}!` }),
        ),
      );
      expect(tally(answers.map((a) => a.status))).toEqual({
        401: R_LOGIN_3_MAX_FAILED_PASSWORDS - 1,
        423: 40 - (R_LOGIN_3_MAX_FAILED_PASSWORDS - 1),
      });
      const row = await db
        .selectFrom('login_failures')
        .selectAll()
        .where('login_id', '=', 'two@example.jp')
        .executeTakeFirstOrThrow();
      expect(row.failures).toBe(R_LOGIN_3_MAX_FAILED_PASSWORDS);
      for (const url of urls)
        expect(
          (await createClient(url).post(api.login.path, { id: 'two@example.jp', password: PASSWORD })).status,
        ).toBe(423);
    });

    it('R-OTP-2: 30 parallel wrong OTPs across two processes exhaust it at exactly 10', async () => {
      await createEmployer(db, systemClock, {
        id: 'two-otp@example.jp',
        password: PASSWORD,
        company: 'C',
        office: 'O',
      });
      const login = await createClient(urls[0]!).post<{ challenge: string }>(api.login.path, {
        id: 'two-otp@example.jp',
        password: PASSWORD,
      });
      expect(login.status).toBe(200);
      const deadline = Date.now() + 15_000;
      while (!sink.received.some((m) => m.to.includes('two-otp@example.jp')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const otp = codeLine(sink.received.find((m) => m.to.includes('two-otp@example.jp'))!.text)!;
      const wrong = otp === '000000' ? '000001' : '000000';
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          createClient(urls[i % 2]!).post(api.loginOtp.path, {
            challenge: login.body.challenge,
            otp: wrong,
            rememberDevice: false,
          }),
        ),
      );
      expect(tally(answers.map((a) => a.status))).toEqual({
        401: R_OTP_2_MAX_ATTEMPTS - 1,
        410: 30 - (R_OTP_2_MAX_ATTEMPTS - 1),
      });
      const row = await db
        .selectFrom('login_challenges')
        .selectAll()
        .where('id', '=', sha256(login.body.challenge))
        .executeTakeFirstOrThrow();
      expect(row.attempts).toBe(R_OTP_2_MAX_ATTEMPTS);
      expect(
        (
          await createClient(urls[1]!).post(api.loginOtp.path, {
            challenge: login.body.challenge,
            otp,
            rememberDevice: false,
          })
        ).body.error,
      ).toBe('otp_exhausted');
    });

    it('R-LOGIN-2: each mail leaves exactly once although both processes run a sender', async () => {
      const ids = Array.from({ length: 6 }, (_, i) => `mail${i}@example.jp`);
      for (const id of ids)
        await createEmployer(db, systemClock, { id, password: PASSWORD, company: 'C', office: 'O' });
      await Promise.all(
        ids.map((id, i) => createClient(urls[i % 2]!).post(api.login.path, { id, password: PASSWORD })),
      );
      const deadline = Date.now() + 15_000;
      const count = () => sink.received.filter((m) => ids.some((id) => m.to.includes(id))).length;
      while (count() < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 1_500)); // a duplicate would arrive within the senders' next polls
      expect(count()).toBe(ids.length);
    });

    const mailsTo = (id: string, subject: string) =>
      sink.received.filter((m) => m.to.includes(id) && m.subject === subject);
    async function otpOf(id: string, nth: number): Promise<string> {
      const deadline = Date.now() + 15_000;
      while (mailsTo(id, 'ワンタイムパスワード通知').length < nth && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      return codeLine(mailsTo(id, 'ワンタイムパスワード通知')[nth - 1]!.text)!;
    }

    it(`R-OTP-8: 60 parallel wrong OTPs across 6 challenges and two processes count at most ${R_OTP_8_MAX_WRONG_OTPS}`, async () => {
      const id = 'two-budget@example.jp';
      await createEmployer(db, systemClock, { id, password: PASSWORD, company: 'C', office: 'O' });
      const challenges: Array<{ challenge: string; otp: string }> = [];
      for (let i = 0; i < 6; i++) {
        const login = await createClient(urls[i % 2]!).post<{ challenge: string }>(api.login.path, {
          id,
          password: PASSWORD,
        });
        expect(login.status).toBe(200);
        challenges.push({ challenge: login.body.challenge, otp: await otpOf(id, i + 1) });
      }
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => {
          const ch = challenges[i % 6]!;
          return createClient(urls[i % 2]!).post(api.loginOtp.path, {
            challenge: ch.challenge,
            otp: ch.otp === '000000' ? '000001' : '000000',
            rememberDevice: false,
          });
        }),
      );
      const t = tally(answers.map((a) => a.status));
      expect(t[429]).toBe(60 - R_OTP_8_MAX_WRONG_OTPS);
      expect(await otpTriesCounted(db, challenges)).toBe(R_OTP_8_MAX_WRONG_OTPS);
      const account = await db.selectFrom('accounts').select('id').where('login_id', '=', id).executeTakeFirstOrThrow();
      expect(
        await db
          .selectFrom('budget_events')
          .select('at')
          .where('subject', '=', account.id)
          .where('kind', '=', 'otp_wrong')
          .execute(),
      ).toHaveLength(R_OTP_8_MAX_WRONG_OTPS);
    });

    it(`R-PW-7: 30 parallel reset requests across two processes send at most ${R_PW_7_MAX_MAILS} mails`, async () => {
      const id = 'two-reset@example.jp';
      await createEmployer(db, systemClock, { id, password: PASSWORD, company: 'C', office: 'O' });
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => createClient(urls[i % 2]!).post(api.passwordReset.path, { id })),
      );
      expect(tally(answers.map((a) => a.status))).toEqual({ 202: 30 });
      const deadline = Date.now() + 15_000;
      while (mailsTo(id, RESET_KEY_SUBJECT).length < R_PW_7_MAX_MAILS && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 1_500)); // a sixth mail would arrive within the senders' next polls
      expect(mailsTo(id, RESET_KEY_SUBJECT)).toHaveLength(R_PW_7_MAX_MAILS);
      const account = await db.selectFrom('accounts').select('id').where('login_id', '=', id).executeTakeFirstOrThrow();
      expect(
        await db.selectFrom('mailed_keys').select('id').where('account_id', '=', account.id).execute(),
      ).toHaveLength(R_PW_7_MAX_MAILS);
    });
  },
);
