import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_PW_7_MAILED_KEY_MAX_ATTEMPTS, R_REREG_1_WINDOW_MS } from '../../../src-shared/rules.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { withdrawAccount } from '../../../src-server/accounts/accounts.service.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import { REREG_KEY_SUBJECT } from '../../../src-server/recovery/recovery-mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const DAY = 86_400_000;
const REREG = api.reregistration.path;
const COMPLETE = api.reregistrationComplete.path;

describeEachDatabase('re-registration', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const c = () => createClient(svc.url);
  const account = async (id: string) => (await findAccountByLoginId(svc.db, id))!;
  async function withdrawn(id: string) {
    await svc.createEmployer({ id, password: PASSWORD });
    const a = await account(id);
    await svc.db.transaction().execute((trx) => withdrawAccount(trx, svc.clock, a.id));
    return a.id;
  }

  it('R-REREG-1, R-OTP-4: within 30 days the former ID and password get a key; the key makes the account usable, and the OTP is needed again', async () => {
    const id = 'back@example.jp';
    const browser = await svc.as(await svc.employer({ id }), { rememberDevice: true });
    const accountId = (await account(id)).id;
    await svc.db.transaction().execute((trx) => withdrawAccount(trx, svc.clock, accountId));
    expect((await browser.post(api.login.path, { id, password: PASSWORD })).body).toMatchObject({
      error: 'withdrawn',
      reregistrable: true,
    });

    svc.clock.advance(10 * DAY);
    const r = await browser.post(REREG, { id, password: PASSWORD });
    expect(r.status).toBe(202);
    const key = await svc.mail.latestCode(id, REREG_KEY_SUBJECT);
    const keyRow = await svc.db
      .selectFrom('mailed_keys')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('purpose', '=', 'rereg')
      .executeTakeFirstOrThrow();
    expect(keyRow.key_hash).toBe(sha256(key.replace(/-/g, '')));
    expect((await account(id)).status).toBe('withdrawn');

    const done = await browser.post(COMPLETE, { id, key });
    expect(done.status).toBe(204);
    expect(await account(id)).toMatchObject({ status: 'active', withdrawn_at: null });
    expect(
      await svc.db.selectFrom('device_trusts').selectAll().where('account_id', '=', accountId).execute(),
    ).toHaveLength(0);
    // R-OTP-4: the browser that skipped the OTP before withdrawal needs it again.
    expect((await browser.post(api.login.path, { id, password: PASSWORD })).body.status).toBe('otp_required');
    expect(await listAudit(svc.db, { type: 'reregistration.completed', loginId: id })).toHaveLength(1);
    // single use
    expect((await browser.post(COMPLETE, { id, key })).body.error).toBe('key_invalid');
  });

  it('R-REREG-1: a wrong password, an unknown ID and an active account all answer the same 401 invalid_credentials', async () => {
    await withdrawn('wrong@example.jp');
    await svc.createEmployer({ id: 'active@example.jp', password: PASSWORD });
    const answers = [
      await c().post(REREG, { id: 'wrong@example.jp', password: 'Wrong-pass1' }),
      await c().post(REREG, { id: 'nobody@example.jp', password: PASSWORD }),
      await c().post(REREG, { id: 'active@example.jp', password: PASSWORD }),
      await c().post(REREG, { id: 'wrong@example.jp', password: '' }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.body).toEqual(answers[0]!.body);
    }
    expect(answers[0]!.body.error).toBe('invalid_credentials');
    expect(
      await svc.db
        .selectFrom('mailed_keys')
        .selectAll()
        .where('purpose', '=', 'rereg')
        .where('account_id', '=', (await account('wrong@example.jp')).id)
        .execute(),
    ).toHaveLength(0);
    expect(
      svc.mail.messages().filter((m) => m.subject === REREG_KEY_SUBJECT && /wrong@|nobody@|active@/.test(m.to)),
    ).toHaveLength(0);
  });

  it('R-REREG-1: wrong passwords count toward the lock of R-LOGIN-3 (no password oracle)', async () => {
    const id = 'oracle@example.jp';
    await withdrawn(id);
    for (let i = 0; i < 4; i++) expect((await c().post(REREG, { id, password: `Wrong-pass${i}` })).status).toBe(401);
    expect((await c().post(REREG, { id, password: 'Wrong-pass9' })).status).toBe(423);
    const locked = await c().post(REREG, { id, password: PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.error).toBe('locked');
    expect(
      await svc.db.selectFrom('login_failures').select('failures').where('login_id', '=', id).executeTakeFirst(),
    ).toEqual({ failures: 5 });
  });

  it('R-REREG-2: the boundary is 31 × 24 h: open one millisecond before (and at 30½ days), refused from 31 days on with 403 reregistration_expired', async () => {
    await withdrawn('edge-a@example.jp');
    await withdrawn('edge-b@example.jp');
    await withdrawn('edge-c@example.jp');
    const withdrawnAt = (await account('edge-a@example.jp')).withdrawn_at!;
    svc.clock.set(new Date(withdrawnAt + R_REREG_1_WINDOW_MS + DAY / 2));
    expect((await c().post(REREG, { id: 'edge-a@example.jp', password: PASSWORD })).status).toBe(202);
    svc.clock.set(new Date(withdrawnAt + 31 * DAY - 1));
    expect((await c().post(REREG, { id: 'edge-b@example.jp', password: PASSWORD })).status).toBe(202);
    svc.clock.set(new Date(withdrawnAt + 31 * DAY));
    const late = await c().post(REREG, { id: 'edge-c@example.jp', password: PASSWORD });
    expect(late.status).toBe(403);
    expect(late.body.error).toBe('reregistration_expired');
    expect(String(late.body.message)).toContain('最寄りのハローワーク');
    // only after the correct password: a wrong one still answers invalid_credentials
    expect((await c().post(REREG, { id: 'edge-c@example.jp', password: 'Wrong-pass1' })).status).toBe(401);
    expect(
      await svc.db
        .selectFrom('mailed_keys')
        .selectAll()
        .where('account_id', '=', (await account('edge-c@example.jp')).id)
        .execute(),
    ).toHaveLength(0);
    // a key mailed before the boundary dies with it
    const keyB = await svc.mail.latestCode('edge-b@example.jp', REREG_KEY_SUBJECT);
    expect((await c().post(COMPLETE, { id: 'edge-b@example.jp', key: keyB })).body.error).toBe('key_invalid');
    expect((await account('edge-b@example.jp')).status).toBe('withdrawn');
  });

  it(`R-REREG-1: a wrong key answers 401 key_invalid and ${R_PW_7_MAILED_KEY_MAX_ATTEMPTS} of them kill the key`, async () => {
    const id = 'keytries@example.jp';
    await withdrawn(id);
    expect((await c().post(REREG, { id, password: PASSWORD })).status).toBe(202);
    const key = await svc.mail.latestCode(id, REREG_KEY_SUBJECT);
    for (let i = 0; i < R_PW_7_MAILED_KEY_MAX_ATTEMPTS; i++) {
      const r = await c().post(COMPLETE, { id, key: 'WRNG-WRNG-WRNG-WRNG' });
      expect(r.status).toBe(401);
      expect(r.body.error).toBe('key_invalid');
    }
    expect((await c().post(COMPLETE, { id, key })).status).toBe(401);
    expect((await account(id)).status).toBe('withdrawn');
  });
});
