import { afterAll, beforeAll, expect, it } from 'vitest';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { disableStaff } from '../../../src-server/staff/staff-members.service.js';
import { resumeStaffSession } from '../../../src-server/staff/staff-sessions.service.js';
import { verifyStepUp } from '../../../src-server/staff/step-up.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { createStaffClient, passkeyLogin, signInStaff } from '../../support/staff.js';
import { auditRows, employer, paths } from '../staff-desk/desk-helpers.js';

describeEachDatabase('staff console: offboarding (mypage disable-staff)', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
  });
  afterAll(() => svc.close());

  it("a disabled staff member's sessions end at once; their passkey no longer signs in, a step-up made before no longer counts; one audit row", async () => {
    const s = await signInStaff(svc, { role: 'office', name: '退職 予定' });
    const second = createStaffClient(svc);
    expect((await passkeyLogin(second, s.authenticator, s.staffId)).status).toBe(200);
    const e = await employer(svc);
    const stepUp = await s.stepUp({ action: 'reveal_id', target: e.ref });
    expect((await s.client.get(staffApi.me.path)).status).toBe(200);
    const actor = await resumeStaffSession(svc.db, svc.clock, s.client.jar.get('mypage_staff') ?? '');
    if (!actor) throw new Error('no staff session');
    const late = await s.stepUp({ action: 'reinstate', target: e.ref });

    expect(await disableStaff(svc.db, svc.clock, s.staffId)).toEqual({ sessionsEnded: 2 });
    for (const c of [s.client, second])
      expect((await c.get(staffApi.me.path)).body).toMatchObject({ error: 'staff_unauthenticated' });
    // even past requireStaff (a request already under way), the step-up proves nothing now
    const verifyDeps = { db: svc.db, clock: svc.clock, config: { staffPublicOrigin: svc.staff?.origin } };
    expect(await verifyStepUp(verifyDeps, actor, late, { action: 'reinstate', target: e.ref })).toBe(false);
    const reveal = await s.client.post(paths.reveal(e.ref), { documentKind: 'passport', note: '確認', stepUp });
    expect(reveal.status).toBe(401);
    expect(JSON.stringify(reveal.body)).not.toContain(e.id);
    // the options now look like an unknown ID's; the passkey answers them anyway: refused
    const fresh = createStaffClient(svc);
    const opts = await fresh.post<{ options: { challenge: string; rpId?: string } }>(staffApi.loginOptions.path, {
      staffId: s.staffId,
    });
    const login = await fresh.post(staffApi.loginVerify.path, {
      staffId: s.staffId,
      response: s.authenticator.authenticate(opts.body.options, { credential: s.authenticator.credentials[0] }),
    });
    expect([login.status, login.body]).toMatchObject([401, { error: 'staff_login_failed' }]);
    expect((await auditRows(svc, 'staff.disabled')).filter((r) => r.detail.staffId === s.staffId)).toEqual([
      expect.objectContaining({
        staff_member_id: expect.any(String),
        detail: { staffId: s.staffId, sessionsEnded: 2, by: 'cli' },
      }),
    ]);
    expect((await auditRows(svc, 'staff.id_revealed')).filter((r) => r.account_id === e.ref)).toEqual([]);
    // twice, or an unknown ID: nothing to disable
    expect(await disableStaff(svc.db, svc.clock, s.staffId)).toBeUndefined();
    expect(await disableStaff(svc.db, svc.clock, 'S0000000')).toBeUndefined();
  });

  it('the other staff members keep working', async () => {
    const leaving = await signInStaff(svc, { role: 'it' });
    const staying = await signInStaff(svc, { role: 'it' });
    await disableStaff(svc.db, svc.clock, leaving.staffId);
    expect((await staying.client.get(staffApi.me.path)).status).toBe(200);
    expect((await passkeyLogin(createStaffClient(svc), staying.authenticator, staying.staffId)).status).toBe(200);
  });
});
