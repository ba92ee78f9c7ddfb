import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEVICE_TRUST_SUBJECT } from '../../../src-server/mail/mail-templates.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { OTP_SUBJECT, signIn } from '../../support/sign-in.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describeEachDatabase('device trust notice', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const notices = async (to: string) => {
    await svc.mail.waitFor({ to });
    return svc.mail.messages().filter((m) => m.to.includes(to) && m.subject === DEVICE_TRUST_SUBJECT);
  };

  it('R-OTP-9: remembering a browser mails the owner ワンタイムパスワード省略設定通知: which browser, when (JST), where to revoke it', async () => {
    const id = 'notice@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    svc.clock.set(new Date('2026-12-01T12:34:00Z')); // 21:34 in Japan
    const c = createClient(svc.url);
    const login = await c.post<{ challenge: string }>(
      api.login.path,
      { id, password: PASSWORD },
      { headers: { 'user-agent': CHROME_ON_WINDOWS } },
    );
    const otp = await svc.mail.latestCode(id, OTP_SUBJECT);
    const done = await c.post(
      api.loginOtp.path,
      { challenge: login.body.challenge, otp, rememberDevice: true },
      { headers: { 'user-agent': CHROME_ON_WINDOWS } },
    );
    expect(done.status).toBe(200);
    const [mail, ...more] = await notices(id);
    expect(more).toHaveLength(0);
    expect(mail!.text).toContain('端末・ブラウザ: Chrome (Windows)');
    expect(mail!.text).toContain('設定日時: 2026年12月1日 21時34分（日本時間）');
    expect(mail!.text).toContain('各種設定 > ワンタイムパスワード入力の省略設定');
    expect(mail!.text).toContain('90日間有効');
    // queued with the trust: the trust row and the outbox row carry the same instant
    const account = await svc.db
      .selectFrom('accounts')
      .select('id')
      .where('login_id', '=', id)
      .executeTakeFirstOrThrow();
    const trust = await svc.db
      .selectFrom('device_trusts')
      .selectAll()
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow();
    const queued = await svc.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', id)
      .where('subject', '=', DEVICE_TRUST_SUBJECT)
      .executeTakeFirstOrThrow();
    expect(queued.created_at).toBe(trust.created_at);
  });

  it('R-OTP-9: no notice without the tick, nor for a login the remembered browser makes later', async () => {
    const id = 'quiet@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    await signIn(svc, createClient(svc.url), id, PASSWORD);
    expect(await notices(id)).toHaveLength(0);
    const mine = await svc.as(id, { rememberDevice: true });
    expect((await mine.post(api.login.path, { id, password: PASSWORD })).body).toMatchObject({
      status: 'authenticated',
    });
    expect(await notices(id)).toHaveLength(1);
  });
});
