import { afterAll, beforeAll, expect, it } from 'vitest';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { createSoftAuthenticator } from '../../support/soft-authenticator.js';
import { createStaffClient, passkeyLogin, registerStaff, signInStaff, staffOf } from '../../support/staff.js';

describeEachDatabase('staff console: sign-in with a passkey', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
  });
  afterAll(() => svc.close());

  it('a staff member registers a passkey with their code, signs in with it, sees who they are, and signs out', async () => {
    const { client, authenticator, staffId } = await registerStaff(svc, {
      role: 'office',
      office: '新宿公共職業安定所',
      name: '山田 花子',
    });
    expect((await client.get(staffApi.me.path)).status).toBe(401);
    const r = await passkeyLogin(client, authenticator, staffId);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ staff: { staffId, name: '山田 花子', role: 'office', office: '新宿公共職業安定所' } });
    const cookie = r.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/^mypage_staff=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await client.get(staffApi.me.path)).body).toEqual({
      staff: { staffId, name: '山田 花子', role: 'office', office: '新宿公共職業安定所' },
    });
    expect((await client.post(staffApi.logout.path)).status).toBe(204);
    expect((await client.get(staffApi.me.path)).body).toMatchObject({ error: 'staff_unauthenticated' });
  });

  it('a replayed assertion is refused: the same signed answer a second time gets 401 staff_login_failed', async () => {
    const { authenticator, staffId } = await registerStaff(svc, { role: 'it' });
    const client = createStaffClient(svc);
    const opts = await client.post<{ options: { challenge: string } }>(staffApi.loginOptions.path, { staffId });
    const response = authenticator.authenticate(opts.body.options);
    expect((await client.post(staffApi.loginVerify.path, { staffId, response })).status).toBe(200);
    const again = await createStaffClient(svc).post(staffApi.loginVerify.path, { staffId, response });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ error: 'staff_login_failed' });
  });

  it('an assertion made for another origin (a look-alike site relaying the challenge) is refused with the same 401', async () => {
    const { client, authenticator, staffId } = await registerStaff(svc, { role: 'it' });
    const r = await passkeyLogin(client, authenticator, staffId, { origin: 'https://staff.hellowork-login.example' });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error: 'staff_login_failed' });
    expect((await client.get(staffApi.me.path)).status).toBe(401);
  });

  it('an unknown staff ID gets options of the same shape (the same decoy credential each time) and the same 401', async () => {
    const client = createStaffClient(svc);
    const { staffId } = await signInStaff(svc, { role: 'it' });
    const known = await client.post<{ options: { allowCredentials: { id: string }[] } }>(staffApi.loginOptions.path, {
      staffId,
    });
    const unknown1 = await client.post<{ options: { allowCredentials: { id: string }[] } }>(
      staffApi.loginOptions.path,
      { staffId: 'S0000001' },
    );
    const unknown2 = await client.post<{ options: { allowCredentials: { id: string }[] } }>(
      staffApi.loginOptions.path,
      { staffId: 'S0000001' },
    );
    expect(Object.keys(unknown1.body.options).sort()).toEqual(Object.keys(known.body.options).sort());
    expect(unknown1.body.options.allowCredentials).toHaveLength(known.body.options.allowCredentials.length);
    expect(unknown1.body.options.allowCredentials[0]?.id.length).toBe(
      known.body.options.allowCredentials[0]?.id.length,
    );
    expect(unknown2.body.options.allowCredentials).toEqual(unknown1.body.options.allowCredentials);
    const stranger = createSoftAuthenticator({ origin: staffOf(svc).origin });
    stranger.register({ challenge: 'x', rp: { id: 'localhost' }, user: { id: 'eA' } });
    const r = await client.post(staffApi.loginVerify.path, {
      staffId: 'S0000001',
      response: stranger.authenticate({
        ...unknown1.body.options,
        challenge: (unknown1.body.options as unknown as { challenge: string }).challenge,
        allowCredentials: [],
      }),
    });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error: 'staff_login_failed' });
  });

  it('ten parallel sign-ins with one signed answer: exactly one session is made', async () => {
    const { authenticator, staffId } = await registerStaff(svc, { role: 'it' });
    const client = createStaffClient(svc);
    const opts = await client.post<{ options: { challenge: string } }>(staffApi.loginOptions.path, { staffId });
    const response = authenticator.authenticate(opts.body.options);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => createStaffClient(svc).post(staffApi.loginVerify.path, { staffId, response })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(9);
  });

  it('an assertion whose signature counter does not move forward (a cloned passkey) is refused', async () => {
    const { client, authenticator, staffId } = await registerStaff(svc, { role: 'it' });
    expect((await passkeyLogin(client, authenticator, staffId)).status).toBe(200);
    const opts = await client.post<{ options: { challenge: string } }>(staffApi.loginOptions.path, { staffId });
    const clone = authenticator.authenticate(opts.body.options, { keepCounter: true });
    const r = await client.post(staffApi.loginVerify.path, { staffId, response: clone });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error: 'staff_login_failed' });
  });

  it("another staff member's passkey does not sign in as this staff ID", async () => {
    const a = await registerStaff(svc, { role: 'it' });
    const b = await registerStaff(svc, { role: 'office' });
    const client = createStaffClient(svc);
    const opts = await client.post<{ options: { challenge: string } }>(staffApi.loginOptions.path, {
      staffId: a.staffId,
    });
    const r = await client.post(staffApi.loginVerify.path, {
      staffId: a.staffId,
      response: b.authenticator.authenticate({ challenge: opts.body.options.challenge }),
    });
    expect(r.status).toBe(401);
  });
});
