import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAFF_STEP_UP_TTL_MS } from '../../../src-shared/staff-api/auth.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { recordStaffAudit } from '../../../src-server/staff/staff-audit.js';
import { resumeStaffSession, type StaffActor } from '../../../src-server/staff/staff-sessions.service.js';
import { verifyStepUp } from '../../../src-server/staff/step-up.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { passkeyLogin, signInStaff, type StaffSession } from '../../support/staff.js';
import { employer, paths } from '../staff-desk/desk-helpers.js';

const REVEAL = { action: 'reveal_id', target: 'employer-ref-1' } as const;

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
    const stepUp = await s.stepUp(REVEAL);
    expect(await verifyStepUp(deps(), actor, stepUp, REVEAL)).toBe(true);
    expect(await verifyStepUp(deps(), actor, stepUp, REVEAL)).toBe(false);
    expect(await verifyStepUp(deps(), actor, await s.stepUp(REVEAL), REVEAL)).toBe(true);
  });

  it('a step-up older than 2 minutes, a missing or malformed one, or one from another origin is refused', async () => {
    const s = await signInStaff(svc, { role: 'office' });
    const actor = await actorOf(s);
    const late = await s.stepUp(REVEAL);
    svc.clock.advance(STAFF_STEP_UP_TTL_MS);
    expect(await verifyStepUp(deps(), actor, late, REVEAL)).toBe(false);
    expect(await verifyStepUp(deps(), actor, undefined, REVEAL)).toBe(false);
    expect(await verifyStepUp(deps(), actor, { id: 'x' }, REVEAL)).toBe(false);
    const opts = await s.client.post<{ options: { challenge: string } }>(staffApi.stepUpOptions.path, REVEAL);
    expect(
      await verifyStepUp(
        deps(),
        actor,
        s.authenticator.authenticate(opts.body.options, { origin: 'https://evil.example' }),
        REVEAL,
      ),
    ).toBe(false);
  });

  it('a step-up made for one session does not count for another session, even of the same staff member', async () => {
    const s = await signInStaff(svc, { role: 'it' });
    const stepUp = await s.stepUp(REVEAL);
    const second = await passkeyLogin(s.client, s.authenticator, s.staffId);
    expect(second.status).toBe(200);
    expect(await verifyStepUp(deps(), await actorOf(s), stepUp, REVEAL)).toBe(false);
  });

  it('a step-up is bound to its action and target: another employer, kiosk or action refuses it (403 step_up_required) and it stays good for its own', async () => {
    const s = await signInStaff(svc, { role: 'office' });
    const actor = await actorOf(s);
    const stepUp = await s.stepUp(REVEAL);
    for (const other of [
      { action: 'reveal_id', target: 'employer-ref-2' },
      { action: 'reinstate', target: REVEAL.target },
      { action: 'revoke_kiosk', target: REVEAL.target },
    ] as const) {
      expect(await verifyStepUp(deps(), actor, stepUp, other), JSON.stringify(other)).toBe(false);
    }
    expect(await verifyStepUp(deps(), actor, stepUp, REVEAL)).toBe(true);
    // options without an action and target, or with an unknown action, are a bad request
    for (const body of [
      undefined,
      {},
      { action: 'delete_everything', target: 'x' },
      { action: 'reveal_id', target: '' },
    ]) {
      expect((await s.client.post(staffApi.stepUpOptions.path, body)).body, JSON.stringify(body)).toMatchObject({
        error: 'invalid_request',
      });
    }
  });

  it("over HTTP: a step-up made to reveal one employer's ID is refused for another employer's, and for reinstating the same one", async () => {
    const s = await signInStaff(svc, { role: 'office' });
    const [a, b] = [await employer(svc), await employer(svc)];
    const check = { documentKind: 'passport', note: '旅券で確認' };
    const forA = await s.stepUp({ action: 'reveal_id', target: a.ref });
    const onB = await s.client.post(paths.reveal(b.ref), { ...check, stepUp: forA });
    expect([onB.status, onB.body]).toMatchObject([403, { error: 'step_up_required' }]);
    expect(JSON.stringify(onB.body)).not.toContain(b.id);
    expect((await s.client.post(paths.reinstate(a.ref), { stepUp: forA })).body).toMatchObject({
      error: 'step_up_required',
    });
    expect((await s.client.post(paths.reveal(a.ref), { ...check, stepUp: forA })).body).toEqual({ loginId: a.id });
  });

  it('step-up options need a staff session (401 staff_unauthenticated)', async () => {
    const s = await signInStaff(svc, { role: 'it' });
    await s.client.post(staffApi.logout.path);
    const r = await s.client.post(staffApi.stepUpOptions.path, REVEAL);
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error: 'staff_unauthenticated' });
  });

  it('audit rows name the staff member: sign-in, registration, and what recordStaffAudit records', async () => {
    const s = await signInStaff(svc, { role: 'office', name: '監査 次郎' });
    const actor = await actorOf(s);
    await svc.db
      .transaction()
      .execute((trx) => recordStaffAudit(trx, svc.clock, actor, { type: 'staff.test_action', detail: { note: 'ok' } }));
    const rows = await svc.db
      .selectFrom('audit_events')
      .selectAll()
      .where('staff_member_id', '=', actor.staffMemberId)
      .orderBy('at')
      .orderBy('type')
      .execute();
    expect(rows.map((r) => r.type).sort()).toEqual([
      'staff.created',
      'staff.login',
      'staff.passkey_registered',
      'staff.test_action',
    ]);
    const action = rows.find((r) => r.type === 'staff.test_action');
    expect(JSON.parse(action?.detail ?? '{}')).toEqual({ note: 'ok', staffId: s.staffId });
    const failed = await passkeyLogin(s.client, s.authenticator, s.staffId, { origin: 'https://evil.example' });
    expect(failed.status).toBe(401);
    const refused = await svc.db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'staff.login_failed')
      .where('staff_member_id', '=', actor.staffMemberId)
      .execute();
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0]?.detail ?? '{}')).toMatchObject({ staffId: s.staffId, reason: 'assertion' });
  });
});
