import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_PW_7_MAILED_KEY_MAX_ATTEMPTS, R_PW_3_RESET_KEY_TTL_MS } from '../../../src-shared/rules.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import { verifyPassword } from '../../../src-server/crypto/passwords.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import { requestPasswordReset } from '../../../src-server/recovery/password-reset.service.js';
import { PASSWORD_CHANGED_SUBJECT, RESET_KEY_SUBJECT } from '../../../src-server/recovery/recovery-mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { NEW_PASSWORD, PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';
import { liveSessions } from '../../support/db-rows.js';

const RESET = api.passwordReset.path;
const COMPLETE = api.passwordResetComplete.path;

describeEachDatabase('password reset', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const c = () => createClient(svc.url);
  const account = async (id: string) => (await findAccountByLoginId(svc.db, id))!;
  const keys = async (id: string) =>
    svc.db
      .selectFrom('mailed_keys')
      .selectAll()
      .where('account_id', '=', (await account(id)).id)
      .where('purpose', '=', 'reset')
      .orderBy('created_at')
      .execute();
  const requestKey = async (id: string) => {
    expect((await c().post(RESET, { id })).status).toBe(202);
    return svc.mail.latestCode(id, RESET_KEY_SUBJECT);
  };
  const complete = (id: string, key: string, newPassword = NEW_PASSWORD, newPasswordConfirm = newPassword) =>
    c().post(COMPLETE, { id, key, newPassword, newPasswordConfirm });

  it('R-PW-1: 202 whether or not the ID exists; the key is mailed (パスワード再登録申込受付通知) only to a real account, stored hashed', async () => {
    await svc.createEmployer({ id: 'known@example.jp', password: PASSWORD });
    const known = await c().post(RESET, { id: 'Known@Example.jp' });
    const unknown = await c().post(RESET, { id: 'nobody@example.jp' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect(known.headers.get('content-length')).toBe(unknown.headers.get('content-length'));
    const key = await svc.mail.latestCode('known@example.jp', RESET_KEY_SUBJECT);
    expect(key).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    await svc.mail.waitFor({ to: 'known@example.jp' });
    expect(svc.mail.messages().filter((m) => m.to.includes('nobody@example.jp'))).toHaveLength(0);
    const rows = await keys('known@example.jp');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key_hash).toBe(sha256(key.replace(/-/g, '')));
    expect(JSON.stringify(rows)).not.toContain(key.replace(/-/g, ''));
    expect(rows[0]!.expires_at - rows[0]!.created_at).toBe(R_PW_3_RESET_KEY_TTL_MS);
    const audit = await listAudit(svc.db, { type: 'password_reset.requested' });
    expect(audit.map((a) => [a.login_id, JSON.parse(a.detail).mailed]).sort()).toEqual([
      ['known@example.jp', true],
      ['nobody@example.jp', false],
    ]);
  });

  // Timing on a shared 2-core machine is noise; what makes the times equal is structural: the same
  // statements, one committed transaction each, no SMTP. So the statements are counted.
  it('R-PW-1: a known and an unknown ID run the same number of database statements', async () => {
    await svc.createEmployer({ id: 'same@example.jp', password: PASSWORD });
    let statements = 0;
    const counting = svc.db.withPlugin({
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const deps = { db: counting, clock: svc.clock, mailQueued: () => undefined };
    const run = async (loginId: string) => {
      statements = 0;
      await requestPasswordReset(deps, { loginId, ip: '127.0.0.1' });
      return statements;
    };
    const known = await run('same@example.jp');
    const unknown = await run('nobody-else@example.jp');
    expect(known).toBeGreaterThanOrEqual(5); // find, supersede, key, outbox, audit
    expect(unknown).toBe(known);
    expect((await keys('same@example.jp')).filter((k) => k.used_at === null)).toHaveLength(1);
  });

  it('R-PW-1: the request never waits on SMTP: with the mail server down it answers 202 and the key arrives later', async () => {
    await svc.createEmployer({ id: 'smtpdown@example.jp', password: PASSWORD });
    svc.smtp!.down();
    try {
      const started = Date.now();
      expect((await c().post(RESET, { id: 'smtpdown@example.jp' })).status).toBe(202);
      expect(Date.now() - started).toBeLessThan(2_000);
      const queued = await svc.db
        .selectFrom('outbox')
        .selectAll()
        .where('to_address', '=', 'smtpdown@example.jp')
        .execute();
      expect(queued.map((q) => [q.subject, q.sent_at])).toEqual([[RESET_KEY_SUBJECT, null]]);
    } finally {
      svc.smtp!.up();
    }
    // The outbox retries with backoff on the test clock: move it past the first backoff.
    svc.clock.advance(60_000);
    expect(await svc.mail.latestCode('smtpdown@example.jp', RESET_KEY_SUBJECT)).toMatch(/^[A-Z0-9-]+$/);
  });

  it('R-PW-2, R-PW-5: the key sets the argon2id hash, revokes EVERY device trust and session, lifts the lock, mails a notice and audits', async () => {
    const id = 'complete@example.jp';
    const trusted = await svc.as(await svc.employer({ id }), { rememberDevice: true });
    await svc.as(id, { rememberDevice: true });
    expect(
      await svc.db
        .selectFrom('device_trusts')
        .selectAll()
        .where('account_id', '=', (await account(id)).id)
        .execute(),
    ).toHaveLength(2);
    for (let i = 0; i < 5; i++) await c().post(api.login.path, { id, password: 'Wrong-pass1' });
    expect((await c().post(api.login.path, { id, password: PASSWORD })).status).toBe(423);

    const key = await requestKey(id);
    const r = await complete(id, key);
    expect(r.status).toBe(204);

    const row = await account(id);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.password_hash, NEW_PASSWORD)).toBe(true);
    expect(
      await svc.db.selectFrom('device_trusts').selectAll().where('account_id', '=', row.id).execute(),
    ).toHaveLength(0);
    expect(await svc.db.selectFrom('login_failures').selectAll().where('login_id', '=', id).execute()).toHaveLength(0);
    expect(await liveSessions(svc.db, row.id)).toHaveLength(0);
    expect((await trusted.get(api.home.path)).status).toBe(401);
    expect((await keys(id))[0]!.used_at).not.toBeNull();
    // R-PW-5: the browser that skipped the OTP needs it again; the old password no longer works.
    expect((await trusted.post(api.login.path, { id, password: PASSWORD })).status).toBe(401);
    expect((await trusted.post(api.login.path, { id, password: NEW_PASSWORD })).body.status).toBe('otp_required');
    expect((await svc.mail.waitFor({ to: id, subject: PASSWORD_CHANGED_SUBJECT })).text).toContain('再登録されました');
    expect(await listAudit(svc.db, { type: 'password_reset.completed', loginId: id })).toHaveLength(1);
  });

  it('R-PW-4: a password against the policy answers 400 password_policy with the violations; a mismatch 400 password_mismatch; no try is spent', async () => {
    const id = 'policy@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const key = await requestKey(id);
    const short = await complete(id, key, 'a1!');
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ error: 'password_policy', violations: ['too_short'] });
    expect(String(short.body.message)).toContain('8桁以上32桁以内');
    const noSymbol = await complete(id, key, 'abcdefgh1');
    expect(noSymbol.body).toMatchObject({ error: 'password_policy', violations: ['needs_symbol'] });
    const wide = await complete(id, key, 'ａｂｃｄ1234!');
    expect(wide.body.violations as string[]).toContain('not_half_width');
    const tooLong = await complete(id, key, `${'a1!'.repeat(11)}`);
    expect(tooLong.body).toMatchObject({ error: 'password_policy', violations: ['too_long'] });
    const mismatch = await complete(id, key, NEW_PASSWORD, `${NEW_PASSWORD}x`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toBe('password_mismatch');
    expect((await keys(id))[0]).toMatchObject({ attempts: 0, used_at: null });
    expect(await verifyPassword((await account(id)).password_hash, PASSWORD)).toBe(true);
    expect((await complete(id, key)).status).toBe(204);
  });

  it('R-PW-3: the key works until 50 minutes after the mail, and not at 50 minutes', async () => {
    const id = 'ttl@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const first = await requestKey(id);
    svc.clock.advance(R_PW_3_RESET_KEY_TTL_MS - 1);
    expect((await complete(id, first)).status).toBe(204);
    const second = await requestKey(id);
    svc.clock.advance(R_PW_3_RESET_KEY_TTL_MS);
    const late = await complete(id, second, 'An0ther-pass');
    expect(late.status).toBe(401);
    expect(late.body.error).toBe('key_invalid');
    expect(await verifyPassword((await account(id)).password_hash, NEW_PASSWORD)).toBe(true);
  });

  it('R-PW-2: a key is single use; a wrong key and an unknown ID answer 401 key_invalid', async () => {
    const id = 'once@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const key = await requestKey(id);
    expect((await complete(id, 'AAAA-BBBB-CCCC-DDDD')).body.error).toBe('key_invalid');
    expect((await complete('ghost@example.jp', key)).body.error).toBe('key_invalid');
    expect((await complete(id, key.toLowerCase())).status).toBe(204); // typed in lower case: still the key
    const again = await complete(id, key, 'An0ther-pass');
    expect(again.status).toBe(401);
    expect(again.body.error).toBe('key_invalid');
    expect(await verifyPassword((await account(id)).password_hash, NEW_PASSWORD)).toBe(true);
  });

  it('R-PW-2 (concurrency): the right key sent twice at once sets the password once', async () => {
    const id = 'race@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const key = await requestKey(id);
    const answers = await Promise.all([complete(id, key, NEW_PASSWORD), complete(id, key, 'Other-passw0rd')]);
    expect(answers.map((a) => a.status).sort()).toEqual([204, 401]);
    const winner = answers[0].status === 204 ? NEW_PASSWORD : 'Other-passw0rd';
    expect(await verifyPassword((await account(id)).password_hash, winner)).toBe(true);
    expect(await listAudit(svc.db, { type: 'password_reset.completed', loginId: id })).toHaveLength(1);
  });

  // R-PW-7 (beyond the seed) replaced "a new request supersedes the earlier key": a flood of
  // requests must not make the owner's mailed key key_invalid. The completed reset ends the rest.
  it('R-PW-6, R-PW-7, R-CRED-1: starting over mails a new key, the earlier one stays valid; completing with one ends the other', async () => {
    const id = 'again@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const first = await requestKey(id);
    svc.clock.advance(1_000); // the keys are listed by created_at: a tie would leave their order to the database
    const second = await requestKey(id);
    expect(second).not.toBe(first);
    const now = svc.clock.now().getTime();
    expect((await keys(id)).map((k) => k.used_at === null && k.expires_at > now)).toEqual([true, true]);
    expect((await complete(id, second)).status).toBe(204);
    expect((await complete(id, first, 'An0ther-pass')).body.error).toBe('key_invalid');
    expect((await keys(id)).map((k) => k.used_at !== null)).toEqual([false, true]);
  });

  it(`R-PW-3: ${R_PW_7_MAILED_KEY_MAX_ATTEMPTS} wrong keys kill the key: the right one is refused after them`, async () => {
    const id = 'tries@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const key = await requestKey(id);
    for (let i = 0; i < R_PW_7_MAILED_KEY_MAX_ATTEMPTS; i++)
      expect((await complete(id, 'WRNG-WRNG-WRNG-WRNG')).status).toBe(401);
    expect((await complete(id, key)).body.error).toBe('key_invalid');
    expect((await keys(id))[0]).toMatchObject({ attempts: R_PW_7_MAILED_KEY_MAX_ATTEMPTS, used_at: null });
    expect(await verifyPassword((await account(id)).password_hash, PASSWORD)).toBe(true);
  });

  it(`R-PW-3 (concurrency): 20 parallel wrong keys use up exactly ${R_PW_7_MAILED_KEY_MAX_ATTEMPTS} tries`, async () => {
    const id = 'parallel@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const key = await requestKey(id);
    const answers = await Promise.all(Array.from({ length: 20 }, () => complete(id, 'WRNG-WRNG-WRNG-WRNG')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(401));
    expect((await keys(id))[0]!.attempts).toBe(R_PW_7_MAILED_KEY_MAX_ATTEMPTS);
    expect((await complete(id, key)).status).toBe(401);
    expect(await listAudit(svc.db, { type: 'password_reset.key_refused', loginId: id })).toHaveLength(21);
  });
});
