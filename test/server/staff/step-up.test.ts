import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAFF_STEP_UP_TTL_MS } from '../../../src-shared/staff-api/auth.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { recordStaffAudit } from '../../../src-server/staff/staff-audit.js';
import { resumeStaffSession, type StaffActor } from '../../../src-server/staff/staff-sessions.service.js';
import { verifyStepUp } from '../../../src-server/staff/step-up.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { passkeyLogin, signInStaff, type StaffSession } from '../../support/staff.js';

describeEachDatabase('staff console: step-up before a sensitive action, and audit rows', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
  });
  afterAll(() => svc.close());

  const deps = () => ({ db: svc.db, clock: svc.clock, config: { staffPublicOrigin: svc.staff?.origin } });
  async function actorOf(s: StaffSession): Promise<StaffActor> {
    const actor = await resumeStaffSession(svc.db, svc.clock, s.client.jar.get('mypage_staff') ?? '');
    if (!actor) throw new Error('no staff session');
    return actor;
  }

  it('a fresh step-up is accepted once; the same one again is refused', async () => {
    const s = await signInStaff(svc, { role: 'office' });
    const actor = await actorOf(s);
    const stepUp = await s.stepUp();
    expect(await verifyStepUp(deps(), actor, stepUp)).toBe(true);
    expect(await verifyStepUp(deps(), actor, stepUp)).toBe(false);
    expect(await verifyStepUp(deps(), actor, await s.stepUp())).toBe(true);
  });

  it('a step-up older than 2 minutes, a missing or malformed one, or one from another origin is refused', async () => {
    const s = await signInStaff(svc, { role: 'office' });
    const actor = await actorOf(s);
    const late = await s.stepUp();
    svc.clock.advance(STAFF_STEP_UP_TTL_MS);
    expect(await verifyStepUp(deps(), actor, late)).toBe(false);
    expect(await verifyStepUp(deps(), actor, undefined)).toBe(false);
    expect(await verifyStepUp(deps(), actor, { id: 'x' })).toBe(false);
    const opts = await s.client.post<{ options: { challenge: string } }>(staffApi.stepUpOptions.path);
    expect(await verifyStepUp(deps(), actor, s.authenticator.authenticate(opts.body.options, { origin: 'https://evil.example' }))).toBe(false);
  });

  it('a step-up made for one session does not count for another session, even of the same staff member', async () => {
    const s = await signInStaff(svc, { role: 'it' });
    const stepUp = await s.stepUp();
    const second = await passkeyLogin(s.client, s.authenticator, s.staffId);
    expect(second.status).toBe(200);
    expect(await verifyStepUp(deps(), await actorOf(s), stepUp)).toBe(false);
  });

  it('step-up options need a staff session (401 staff_unauthenticated)', async () => {
    const s = await signInStaff(svc, { role: 'it' });
    await s.client.post(staffApi.logout.path);
    const r = await s.client.post(staffApi.stepUpOptions.path);
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error: 'staff_unauthenticated' });
  });

  it('audit rows name the staff member: sign-in, registration, and what recordStaffAudit records', async () => {
    const s = await signInStaff(svc, { role: 'office', name: '監査 次郎' });
    const actor = await actorOf(s);
    await svc.db.transaction().execute((trx) => recordStaffAudit(trx, svc.clock, actor, { type: 'staff.test_action', detail: { note: 'ok' } }));
    const rows = await svc.db.selectFrom('audit_events').selectAll().where('staff_member_id', '=', actor.staffMemberId).orderBy('at').orderBy('type').execute();
    expect(rows.map((r) => r.type).sort()).toEqual(['staff.created', 'staff.login', 'staff.passkey_registered', 'staff.test_action']);
    const action = rows.find((r) => r.type === 'staff.test_action');
    expect(JSON.parse(action?.detail ?? '{}')).toEqual({ note: 'ok', staffId: s.staffId });
    const failed = await passkeyLogin(s.client, s.authenticator, s.staffId, { origin: 'https://evil.example' });
    expect(failed.status).toBe(401);
    const refused = await svc.db.selectFrom('audit_events').selectAll().where('type', '=', 'staff.login_failed').where('staff_member_id', '=', actor.staffMemberId).execute();
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0]?.detail ?? '{}')).toMatchObject({ staffId: s.staffId, reason: 'assertion' });
  });
});
