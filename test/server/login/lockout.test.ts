import argon2 from 'argon2';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { R_LOGIN_3_LOCK_MS, R_REREG_2_REFUSED_FROM_MS } from '../../../src-shared/rules.js';
import { clearLockout } from '../../../src-server/login/lockout.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const LOCK_SECONDS = R_LOGIN_3_LOCK_MS / 1000;

describeEachDatabase('lock-out', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const failures = (loginId: string) =>
    svc.db.selectFrom('login_failures').selectAll().where('login_id', '=', loginId).executeTakeFirst();

  it('R-LOGIN-1: variants of one address (case, full-width, spaces) are one account and one counter', async () => {
    await svc.createEmployer({ id: 'variant@example.jp', password: PASSWORD });
    const c = createClient(svc.url);
    for (const typed of [' Variant@Example.JP', 'ｖａｒｉａｎｔ＠ｅｘａｍｐｌｅ．ｊｐ', 'VARIANT@example.jp ']) {
      expect((await c.post(api.login.path, { id: typed, password: 'wrong-1!' })).status).toBe(401);
    }
    expect(await failures('variant@example.jp')).toMatchObject({ failures: 3 });
    const ok = await c.post(api.login.path, { id: 'ＶＡＲＩＡＮＴ@example.jp', password: PASSWORD });
    expect(ok.body.status).toBe('otp_required');
    expect(await failures('variant@example.jp')).toBeUndefined(); // a correct password forgets the failures
  });

  it('R-LOGIN-1: an ID that is not an e-mail address is a 400 invalid_request with the Japanese message', async () => {
    const r = await createClient(svc.url).post(api.login.path, { id: 'not-an-address', password: PASSWORD });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      error: 'invalid_request',
      message: '入力内容に誤りがあります。入力内容をご確認ください。',
      fields: ['id'],
    });
  });

  it('R-LOGIN-3: five wrong passwords lock the account for 30 minutes, then login is allowed again', async () => {
    await svc.createEmployer({ id: 'lock@example.jp', password: PASSWORD });
    const c = createClient(svc.url);
    for (let i = 1; i <= 4; i++) {
      const r = await c.post(api.login.path, { id: 'lock@example.jp', password: `wrong-${i}!` });
      expect(r.status).toBe(401);
      expect(r.body.error).toBe('invalid_credentials');
    }
    const fifth = await c.post(api.login.path, { id: 'lock@example.jp', password: 'wrong-5!' });
    expect(fifth.status).toBe(423);
    expect(fifth.body).toMatchObject({ error: 'locked', retryAfterSeconds: LOCK_SECONDS });
    expect(fifth.body.message).toContain('30分程度');
    const locked = await failures('lock@example.jp');
    expect(locked).toMatchObject({ failures: 5, locked_until: svc.clock.now().getTime() + R_LOGIN_3_LOCK_MS });

    svc.clock.advance(10 * 60_000);
    const refused = await c.post(api.login.path, { id: 'lock@example.jp', password: PASSWORD });
    expect(refused.status).toBe(423);
    expect(refused.body.retryAfterSeconds).toBe(LOCK_SECONDS - 600);
    expect(refused.headers.get('retry-after')).toBe(String(LOCK_SECONDS - 600));
    expect(
      (await svc.db.selectFrom('login_challenges').selectAll().execute()).filter(
        (r) => r.created_at >= svc.clock.now().getTime(),
      ),
    ).toHaveLength(0);

    svc.clock.advance(20 * 60_000);
    const again = await c.post(api.login.path, { id: 'lock@example.jp', password: PASSWORD });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('otp_required');
    expect(await failures('lock@example.jp')).toBeUndefined();
  });

  it('R-LOGIN-3: the owner is told by mail when the account locks', async () => {
    await svc.createEmployer({ id: 'told@example.jp', password: PASSWORD });
    const c = createClient(svc.url);
    for (let i = 0; i < 5; i++) await c.post(api.login.path, { id: 'told@example.jp', password: 'nope-nope1!' });
    const mail = await svc.mail.waitFor({ to: 'told@example.jp', subject: 'アカウントロック通知' });
    expect(mail.text).toContain('5回誤った');
    expect(mail.from).toContain('system@mail.hellowork.mhlw.go.jp');
  });

  it('R-LOGIN-3: an unknown ID answers exactly like a known one and locks after five too', async () => {
    await svc.createEmployer({ id: 'known@example.jp', password: PASSWORD });
    const c = createClient(svc.url);
    const answers = async (id: string) => {
      const out: Array<{ status: number; body: unknown }> = [];
      for (let i = 0; i < 6; i++) {
        const r = await c.post(api.login.path, { id, password: i === 5 ? '' : 'Wrong-pass1' });
        out.push({ status: r.status, body: r.body });
      }
      return out;
    };
    const known = await answers('known@example.jp');
    const unknown = await answers('nobody@example.jp');
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423]);
    expect(await failures('nobody@example.jp')).toMatchObject({ failures: 5 });
  });

  it('R-LOGIN-3: unknown IDs and empty passwords are verified against a real argon2id hash', async () => {
    const verify = vi.spyOn(argon2, 'verify');
    try {
      const c = createClient(svc.url);
      await c.post(api.login.path, { id: 'ghost@example.jp', password: 'Whatever1!' });
      await c.post(api.login.path, { id: 'ghost2@example.jp', password: '' });
      expect(verify).toHaveBeenCalledTimes(2);
      for (const [hash] of verify.mock.calls) expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      expect(verify.mock.calls.map((call) => call[1])).toEqual(['Whatever1!', '']);
    } finally {
      verify.mockRestore();
    }
  });

  it('R-LOGIN-3: a completed password reset (clearLockout) lifts the lock at once', async () => {
    await svc.createEmployer({ id: 'reset@example.jp', password: PASSWORD });
    const c = createClient(svc.url);
    for (let i = 0; i < 5; i++) await c.post(api.login.path, { id: 'reset@example.jp', password: 'Wrong-pass1' });
    expect((await c.post(api.login.path, { id: 'reset@example.jp', password: PASSWORD })).status).toBe(423);
    await svc.db.transaction().execute((trx) => clearLockout(trx, 'reset@example.jp'));
    expect((await c.post(api.login.path, { id: 'reset@example.jp', password: PASSWORD })).status).toBe(200);
  });

  it('R-LOGIN-3, R-REREG-2: a withdrawn account answers 403 withdrawn only after the correct password, reregistrable until 31 days', async () => {
    await svc.createEmployer({ id: 'gone@example.jp', password: PASSWORD });
    const account = await svc.db
      .selectFrom('accounts')
      .selectAll()
      .where('login_id', '=', 'gone@example.jp')
      .executeTakeFirstOrThrow();
    await svc.db
      .updateTable('accounts')
      .set({ status: 'withdrawn', withdrawn_at: svc.clock.now().getTime() })
      .where('id', '=', account.id)
      .execute();
    const c = createClient(svc.url);
    expect((await c.post(api.login.path, { id: 'gone@example.jp', password: 'Wrong-pass1' })).body.error).toBe(
      'invalid_credentials',
    );
    const r = await c.post(api.login.path, { id: 'gone@example.jp', password: PASSWORD });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: 'withdrawn', reregistrable: true });
    // R-REREG-1, R-REREG-2: the login's flag keeps the re-registration boundary (31 whole days) exactly.
    svc.clock.advance(R_REREG_2_REFUSED_FROM_MS - 1);
    expect((await c.post(api.login.path, { id: 'gone@example.jp', password: PASSWORD })).body).toMatchObject({
      error: 'withdrawn',
      reregistrable: true,
    });
    svc.clock.advance(1);
    expect((await c.post(api.login.path, { id: 'gone@example.jp', password: PASSWORD })).body).toMatchObject({
      error: 'withdrawn',
      reregistrable: false,
    });
  });
});
