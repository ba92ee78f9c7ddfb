import { afterAll, beforeAll, expect, it } from 'vitest';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import { verifyPassword } from '../../../src-server/crypto/passwords.js';
import { PASSWORD_CHANGED_SUBJECT } from '../../../src-server/recovery/recovery-mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { NEW_PASSWORD, PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';
import { pathOf } from '../../support/paths.js';
import { liveSessions } from '../../support/db-rows.js';

describeEachDatabase('settings: devices and password', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const account = async (id: string) => (await findAccountByLoginId(svc.db, id))!;
  const trusts = async (id: string) =>
    svc.db
      .selectFrom('device_trusts')
      .selectAll()
      .where('account_id', '=', (await account(id)).id)
      .orderBy('created_at')
      .execute();

  it("R-OTP-5: the list shows the account's own live trusts, marking this browser", async () => {
    const id = 'list@example.jp';
    await svc.as(await svc.employer({ id }), { rememberDevice: true });
    svc.clock.advance(1000);
    const b = await svc.as(id, { rememberDevice: true });
    const r = await b.get<{
      devices: Array<{ id: string; current: boolean; createdAt: string; expiresAt: string; label: string }>;
    }>(api.devices.path);
    expect(r.status).toBe(200);
    const rows = await trusts(id);
    expect(r.body.devices.map((d) => d.id).sort()).toEqual(rows.map((x) => x.id).sort());
    expect(r.body.devices.filter((d) => d.current)).toHaveLength(1);
    expect(r.body.devices[0]).toMatchObject({ current: true, createdAt: new Date(rows[1]!.created_at).toISOString() });
    expect((await createClient(svc.url).get(api.devices.path)).status).toBe(401);
  });

  it("R-OTP-5: revoking a trust ends the skip on that browser; another account's device id answers 404 and changes nothing", async () => {
    const id = 'revoke@example.jp';
    const trusted = await svc.as(await svc.employer({ id }), { rememberDevice: true });
    const stranger = await svc.as(await svc.employer({ id: 'stranger@example.jp' }), { rememberDevice: true });
    const [mine] = await trusts(id);
    const [theirs] = await trusts('stranger@example.jp');

    const cross = await trusted.del(pathOf('deviceRevoke', { id: theirs!.id }));
    expect(cross.status).toBe(404);
    expect(cross.body.error).toBe('not_found');
    expect((await trusts('stranger@example.jp'))[0]!.revoked_at).toBeNull();
    expect((await trusted.del(pathOf('deviceRevoke', { id: 'no-such-device' }))).status).toBe(404);

    expect((await trusted.del(pathOf('deviceRevoke', { id: mine!.id }))).status).toBe(204);
    expect((await trusts(id))[0]!.revoked_at).toBe(svc.clock.now().getTime());
    expect((await trusted.del(pathOf('deviceRevoke', { id: mine!.id }))).status).toBe(404);
    expect(await listAudit(svc.db, { type: 'device_trust.revoked' })).toHaveLength(1);
    await trusted.post(api.logout.path);
    expect((await trusted.post(api.login.path, { id, password: PASSWORD })).body.status).toBe('otp_required');
    // the stranger's skip still works
    await stranger.post(api.logout.path);
    expect((await stranger.post(api.login.path, { id: 'stranger@example.jp', password: PASSWORD })).body.status).toBe(
      'authenticated',
    );
  });

  it('R-OTP-4: a password change revokes every device trust and the other sessions; this session stays; the owner is told', async () => {
    const id = 'change@example.jp';
    const here = await svc.as(await svc.employer({ id }), { rememberDevice: true });
    const elsewhere = await svc.as(id, { rememberDevice: true });
    expect(await trusts(id)).toHaveLength(2);

    const r = await here.post(api.passwordChange.path, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      newPasswordConfirm: NEW_PASSWORD,
    });
    expect(r.status).toBe(204);
    expect(await verifyPassword((await account(id)).password_hash, NEW_PASSWORD)).toBe(true);
    expect(await trusts(id)).toHaveLength(0);
    expect((await here.get(api.home.path)).status).toBe(200);
    expect((await elsewhere.get(api.home.path)).status).toBe(401);
    expect(await liveSessions(svc.db, (await account(id)).id)).toHaveLength(1);
    expect((await svc.mail.waitFor({ to: id, subject: PASSWORD_CHANGED_SUBJECT })).text).toContain('変更されました');
    await elsewhere.post(api.logout.path);
    expect((await elsewhere.post(api.login.path, { id, password: NEW_PASSWORD })).body.status).toBe('otp_required');
  });

  it('R-OTP-4: a wrong current password answers 401 invalid_credentials; policy and mismatch answer 400; nothing changes', async () => {
    const id = 'refuse@example.jp';
    const c = await svc.as(await svc.employer({ id }), { rememberDevice: true });
    const wrong = await c.post(api.passwordChange.path, {
      currentPassword: 'Wrong-pass1',
      newPassword: NEW_PASSWORD,
      newPasswordConfirm: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_credentials');
    const policy = await c.post(api.passwordChange.path, {
      currentPassword: PASSWORD,
      newPassword: 'password',
      newPasswordConfirm: 'password',
    });
    expect(policy.status).toBe(400);
    expect(policy.body).toMatchObject({ error: 'password_policy', violations: ['needs_digit', 'needs_symbol'] });
    const mismatch = await c.post(api.passwordChange.path, {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      newPasswordConfirm: 'N3w-passw0rD',
    });
    expect(mismatch.body.error).toBe('password_mismatch');
    expect(await verifyPassword((await account(id)).password_hash, PASSWORD)).toBe(true);
    expect(await trusts(id)).toHaveLength(1);
    // the wrong current password took a try of the lock counter (a stolen session is no password oracle)
    expect(
      await svc.db.selectFrom('login_failures').select('failures').where('login_id', '=', id).executeTakeFirst(),
    ).toEqual({ failures: 1 });
    expect(
      (
        await createClient(svc.url).post(api.passwordChange.path, {
          currentPassword: PASSWORD,
          newPassword: NEW_PASSWORD,
          newPasswordConfirm: NEW_PASSWORD,
        })
      ).status,
    ).toBe(401);
  });
});
