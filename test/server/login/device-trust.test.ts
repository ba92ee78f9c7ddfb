import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_OTP_3_DEVICE_TRUST_MS } from '../../../src-shared/rules.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { withdrawAccount } from '../../../src-server/accounts/accounts.service.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import {
  listDeviceTrusts,
  revokeAllDeviceTrusts,
  revokeDeviceTrust,
} from '../../../src-server/device-trust/device-trust.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signIn } from '../../support/sign-in.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';
import { liveSessions } from '../../support/db-rows.js';

describeEachDatabase('device trust (skip the OTP)', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const accountId = async (id: string) => (await findAccountByLoginId(svc.db, id))!.id;
  const otpMails = (id: string) =>
    svc.mail.messages().filter((m) => m.to.includes(id) && m.subject === 'ワンタイムパスワード通知').length;

  async function trustedBrowser(id: string) {
    await svc.createEmployer({ id, password: PASSWORD });
    const browser = createClient(svc.url);
    const done = await signIn(svc, browser, id, PASSWORD, { rememberDevice: true });
    return { browser, done };
  }

  it('R-OTP-3: rememberDevice sets an HttpOnly, SameSite=Strict cookie for 90 days, stored hashed', async () => {
    const { browser, done } = await trustedBrowser('remember@example.jp');
    const cookie = done.headers.getSetCookie().find((l) => l.startsWith('mypage_device='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toContain(`Max-Age=${R_OTP_3_DEVICE_TRUST_MS / 1000}`);
    const token = browser.jar.get('mypage_device')!;
    const rows = await svc.db
      .selectFrom('device_trusts')
      .selectAll()
      .where('account_id', '=', await accountId('remember@example.jp'))
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('R-OTP-3: the next login from that browser is authenticated without an OTP', async () => {
    const { browser } = await trustedBrowser('skip@example.jp');
    await browser.post(api.logout.path);
    const before = otpMails('skip@example.jp');
    const r = await browser.post(api.login.path, { id: 'skip@example.jp', password: PASSWORD });
    expect(r.body).toEqual({ status: 'authenticated', kind: 'web' });
    expect((await browser.get(api.home.path)).status).toBe(200);
    expect(otpMails('skip@example.jp')).toBe(before);
  });

  it('R-OTP-4: the skip applies only to that browser: another one needs the OTP', async () => {
    await trustedBrowser('other@example.jp');
    const other = createClient(svc.url);
    expect((await other.post(api.login.path, { id: 'other@example.jp', password: PASSWORD })).body.status).toBe(
      'otp_required',
    );
  });

  it('R-OTP-4: the cookie is bound to one account', async () => {
    const { browser } = await trustedBrowser('owner@example.jp');
    await svc.createEmployer({ id: 'someone@example.jp', password: PASSWORD });
    expect((await browser.post(api.login.path, { id: 'someone@example.jp', password: PASSWORD })).body.status).toBe(
      'otp_required',
    );
  });

  it('R-OTP-4: after 90 days the OTP is required again', async () => {
    const { browser } = await trustedBrowser('ninety@example.jp');
    svc.clock.advance(R_OTP_3_DEVICE_TRUST_MS - 60_000);
    expect((await browser.post(api.login.path, { id: 'ninety@example.jp', password: PASSWORD })).body.status).toBe(
      'authenticated',
    );
    svc.clock.advance(60_000);
    expect((await browser.post(api.login.path, { id: 'ninety@example.jp', password: PASSWORD })).body.status).toBe(
      'otp_required',
    );
  });

  it('R-OTP-4: a password or ID change (revokeAllDeviceTrusts) requires the OTP again', async () => {
    const { browser } = await trustedBrowser('changed@example.jp');
    const id = await accountId('changed@example.jp'); // outside the transaction: inside it, only trx may be used
    const n = await svc.db.transaction().execute((trx) => revokeAllDeviceTrusts(trx, id));
    expect(n).toBe(1);
    expect((await browser.post(api.login.path, { id: 'changed@example.jp', password: PASSWORD })).body.status).toBe(
      'otp_required',
    );
  });

  it('R-OTP-4: withdrawal ends every trust, so a re-registered account needs the OTP', async () => {
    const { browser } = await trustedBrowser('rereg@example.jp');
    const id = await accountId('rereg@example.jp');
    await svc.db.transaction().execute((trx) => withdrawAccount(trx, svc.clock, id));
    expect(await svc.db.selectFrom('device_trusts').selectAll().where('account_id', '=', id).execute()).toHaveLength(0);
    expect(await liveSessions(svc.db, id)).toHaveLength(0);
    await svc.db.updateTable('accounts').set({ status: 'active', withdrawn_at: null }).where('id', '=', id).execute(); // as re-registration does
    expect((await browser.post(api.login.path, { id: 'rereg@example.jp', password: PASSWORD })).body.status).toBe(
      'otp_required',
    );
  });

  it('R-OTP-5: one trust can be listed and revoked; that browser then needs the OTP', async () => {
    const { browser } = await trustedBrowser('listed@example.jp');
    const id = await accountId('listed@example.jp');
    const list = await listDeviceTrusts(svc.db, id, svc.clock.now().getTime());
    expect(list).toHaveLength(1);
    expect(await revokeDeviceTrust(svc.db, 'another-account', list[0]!.id, svc.clock.now().getTime())).toBe(false);
    expect(await revokeDeviceTrust(svc.db, id, list[0]!.id, svc.clock.now().getTime())).toBe(true);
    expect((await browser.post(api.login.path, { id: 'listed@example.jp', password: PASSWORD })).body.status).toBe(
      'otp_required',
    );
  });

  it('R-OTP-3: without the tick no trust is stored and no device cookie is set', async () => {
    await svc.createEmployer({ id: 'notick@example.jp', password: PASSWORD });
    const browser = createClient(svc.url);
    const done = await signIn(svc, browser, 'notick@example.jp', PASSWORD);
    expect(done.headers.getSetCookie().some((l) => l.startsWith('mypage_device='))).toBe(false);
    expect(
      await svc.db
        .selectFrom('device_trusts')
        .selectAll()
        .where('account_id', '=', await accountId('notick@example.jp'))
        .execute(),
    ).toHaveLength(0);
  });
});
