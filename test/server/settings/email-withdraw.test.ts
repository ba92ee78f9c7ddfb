import { afterAll, beforeAll, expect, it } from 'vitest';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import {
  EMAIL_CHANGED_SUBJECT,
  EMAIL_CHANGE_KEY_SUBJECT,
  EMAIL_TAKEN_SUBJECT,
} from '../../../src-server/recovery/recovery-mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';
import { liveSessions } from '../../support/db-rows.js';

describeEachDatabase('settings: ID change and withdrawal', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const account = async (id: string) => findAccountByLoginId(svc.db, id);
  const keyRows = async (accountId: string) =>
    svc.db
      .selectFrom('mailed_keys')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('purpose', '=', 'email_change')
      .execute();

  it('R-OTP-4: an ID change is confirmed by a key mailed to the NEW address; then every device trust ends and the OLD address is told', async () => {
    await svc.createEmployer({ id: 'old@example.jp', password: PASSWORD });
    const accountId = (await account('old@example.jp'))!.id;
    const here = await svc.as('old@example.jp', { rememberDevice: true });
    const r = await here.post(api.emailChange.path, { newId: 'New@Example.jp', password: PASSWORD });
    expect(r.status).toBe(202);
    const key = await svc.mail.latestCode('new@example.jp', EMAIL_CHANGE_KEY_SUBJECT);
    expect(
      svc.mail.messages().filter((m) => m.to.includes('old@example.jp') && m.subject === EMAIL_CHANGE_KEY_SUBJECT),
    ).toHaveLength(0);
    const [row] = await keyRows(accountId);
    expect(row).toMatchObject({
      new_login_id: 'new@example.jp',
      key_hash: sha256(key.replace(/-/g, '')),
      used_at: null,
    });
    expect((await account('old@example.jp'))?.id).toBe(accountId); // nothing changes before the key

    expect((await here.post(api.emailConfirm.path, { key: 'WRNG-WRNG-WRNG-WRNG' })).body.error).toBe('key_invalid');
    const done = await here.post(api.emailConfirm.path, { key });
    expect(done.status).toBe(204);
    expect(await account('old@example.jp')).toBeUndefined();
    expect((await account('new@example.jp'))?.id).toBe(accountId);
    expect(
      await svc.db.selectFrom('device_trusts').selectAll().where('account_id', '=', accountId).execute(),
    ).toHaveLength(0);
    expect((await svc.mail.waitFor({ to: 'old@example.jp', subject: EMAIL_CHANGED_SUBJECT })).text).toContain(
      'new@example.jp',
    );
    expect(await listAudit(svc.db, { type: 'settings.email_changed', loginId: 'new@example.jp' })).toHaveLength(1);
    expect((await here.get(api.home.path)).status).toBe(200);
    await here.post(api.logout.path);
    expect((await here.post(api.login.path, { id: 'old@example.jp', password: PASSWORD })).status).toBe(401);
    expect((await here.post(api.login.path, { id: 'new@example.jp', password: PASSWORD })).body.status).toBe(
      'otp_required',
    );
    expect((await here.post(api.emailConfirm.path, { key })).status).toBe(401);
  });

  it('R-LOGIN-3: an address that is taken gets the same 202, no key, and only its owner is told (no account enumeration)', async () => {
    await svc.createEmployer({ id: 'asker@example.jp', password: PASSWORD });
    await svc.createEmployer({ id: 'taken@example.jp', password: PASSWORD });
    const c = await svc.as('asker@example.jp');
    const free = await c.post(api.emailChange.path, { newId: 'free@example.jp', password: PASSWORD });
    const taken = await c.post(api.emailChange.path, { newId: 'taken@example.jp', password: PASSWORD });
    expect(taken.status).toBe(202);
    expect(taken.body).toEqual(free.body);
    const notice = await svc.mail.waitFor({ to: 'taken@example.jp', subject: EMAIL_TAKEN_SUBJECT });
    expect(notice.text).not.toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4})+$/m);
    const rows = await keyRows((await account('asker@example.jp'))!.id);
    // the taken request stored no key; the earlier free one was left as it was
    expect(rows.map((r) => r.new_login_id)).toEqual(['free@example.jp']);
    expect((await account('taken@example.jp'))?.login_id).toBe('taken@example.jp');
  });

  it('R-OTP-4: an ID change needs the current password (401 invalid_credentials)', async () => {
    const c = await svc.as(await svc.employer({ id: 'pw@example.jp' }));
    const r = await c.post(api.emailChange.path, { newId: 'pw2@example.jp', password: 'Wrong-pass1' });
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('invalid_credentials');
    expect(await keyRows((await account('pw@example.jp'))!.id)).toHaveLength(0);
  });

  it('R-REREG-1: withdrawal needs the password, ends every session and records the time it starts the 30 days from', async () => {
    const id = 'leave@example.jp';
    const c = await svc.as(await svc.employer({ id }), { rememberDevice: true });
    const other = await svc.as(id);
    const wrong = await c.post(api.withdraw.path, { password: 'Wrong-pass1' });
    expect(wrong.status).toBe(401);
    expect((await account(id))!.status).toBe('active');

    const r = await c.post(api.withdraw.path, { password: PASSWORD });
    expect(r.status).toBe(204);
    const row = (await account(id))!;
    expect(row).toMatchObject({ status: 'withdrawn', withdrawn_at: svc.clock.now().getTime() });
    expect(await liveSessions(svc.db, row.id)).toHaveLength(0);
    expect(
      await svc.db.selectFrom('device_trusts').selectAll().where('account_id', '=', row.id).execute(),
    ).toHaveLength(0);
    expect((await c.get(api.home.path)).status).toBe(401);
    expect((await other.get(api.home.path)).status).toBe(401);
    expect((await c.post(api.login.path, { id, password: PASSWORD })).body).toMatchObject({
      error: 'withdrawn',
      reregistrable: true,
    });
  });
});
