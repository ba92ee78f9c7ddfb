import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueueMail } from '../../../src-server/mail/mail.service.js';
import { otpMail } from '../../../src-server/mail/mail-templates.js';
import { backoffMs } from '../../../src-server/mail/outbox-sender.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { OTP_SUBJECT } from '../../support/sign-in.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const until = async (what: string, check: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25)); // real time: mail travels over a real socket
  }
};

describeEachDatabase('mail outbox', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  it('R-LOGIN-2: an SMTP server that is down for a while delays the OTP mail but loses none', async () => {
    const ids = ['down1@example.jp', 'down2@example.jp', 'down3@example.jp'];
    for (const id of ids) await svc.createEmployer({ id, password: PASSWORD });
    svc.smtp!.down();
    for (const id of ids)
      expect((await createClient(svc.url).post(api.login.path, { id, password: PASSWORD })).body.status).toBe(
        'otp_required',
      );
    const pending = () => svc.db.selectFrom('outbox').selectAll().where('to_address', 'in', ids).execute();
    await until('three refused attempts', async () =>
      (await pending()).every((r) => r.attempts >= 1 && r.last_error !== null),
    );
    expect(svc.mail.messages().filter((m) => ids.some((id) => m.to.includes(id)))).toHaveLength(0);
    for (const r of await pending()) expect(r.sent_at).toBeNull();

    // still down at the next try: the backoff grows, nothing is dropped
    svc.clock.advance(backoffMs(1));
    await until('second attempts', async () => (await pending()).every((r) => r.attempts >= 2));
    for (const r of await pending())
      expect(r).toMatchObject({ sent_at: null, body: expect.stringMatching(/\n\d{6}\n/) });

    svc.smtp!.up();
    svc.clock.advance(backoffMs(2));
    for (const id of ids) expect(await svc.mail.latestCode(id, OTP_SUBJECT)).toMatch(/^\d{6}$/);
    for (const r of await pending()) {
      expect(r.sent_at).not.toBeNull();
      expect(r.body).toBe(''); // the code does not stay at rest once delivered
    }
  });

  it('R-LOGIN-2: the mail is queued in the transaction of its code: a rolled-back transaction leaves no mail', async () => {
    await expect(
      svc.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, svc.clock, 'rollback@example.jp', otpMail('123456'));
        throw new Error('the code could not be stored');
      }),
    ).rejects.toThrow('could not be stored');
    expect(
      await svc.db.selectFrom('outbox').selectAll().where('to_address', '=', 'rollback@example.jp').execute(),
    ).toHaveLength(0);
  });
});

describeEachDatabase('logs', (database) => {
  const lines: string[] = [];
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, captureLogs: lines });
  });
  afterAll(() => svc.close());

  it('R-OTP-1: codes, passwords and tokens never reach a log', async () => {
    await svc.createEmployer({ id: 'logs@example.jp', password: 'Sekret-Passw0rd' });
    const browser = createClient(svc.url);
    const login = await browser.post<{ challenge: string }>(api.login.path, {
      id: 'logs@example.jp',
      password: 'Sekret-Passw0rd',
    });
    const otp = await svc.mail.latestCode('logs@example.jp', OTP_SUBJECT);
    await browser.post(api.loginOtp.path, {
      challenge: login.body.challenge,
      otp: otp === '000000' ? '000001' : '000000',
      rememberDevice: true,
    });
    await browser.post(api.loginOtp.path, { challenge: login.body.challenge, otp, rememberDevice: true });
    await browser.get(api.home.path);
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(all).toContain('mail sent');
    for (const secret of [
      'Sekret-Passw0rd',
      otp,
      login.body.challenge,
      browser.jar.get('mypage_session')!,
      browser.jar.get('mypage_device')!,
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
