import { afterAll, beforeAll, expect, it } from 'vitest';
import { fillPath } from '../../../src-shared/host-calls.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { createStaffClient, signInStaff, type StaffSession } from '../../support/staff.js';
import { DAY_MS, employer, IIDABASHI, SHINJUKU, withdraw } from './desk-helpers.js';

const record = (ref: string) => fillPath(staffApi.employer.path, { ref });

describeEachDatabase('staff console: one employer (GET /api/v1/staff/employers/:ref)', (database) => {
  let svc: TestService;
  let desk: StaffSession;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
    desk = await signInStaff(svc, { role: 'office', office: IIDABASHI });
  });
  afterAll(() => svc.close());

  it("answers the own office's employer as the search lists it, its state as it is now", async () => {
    const e = await employer(svc, { company: '株式会社もみじ製作所' });
    const r = await desk.client.get(record(e.ref));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      ref: e.ref,
      company: '株式会社もみじ製作所',
      office: IIDABASHI,
      state: 'active',
      withdrawnDays: null,
    });
    await withdraw(svc, e.ref);
    svc.clock.advance(2 * DAY_MS + 60_000);
    desk = await signInStaff(svc, { role: 'office', office: IIDABASHI }); // 2 days idle ended the session
    expect((await desk.client.get(record(e.ref))).body).toMatchObject({ state: 'withdrawn', withdrawnDays: 2 });
  });

  it("another office's employer and an unknown ref answer 404 not_found alike; IT staff 403, no session 401", async () => {
    const theirs = await employer(svc, { office: SHINJUKU });
    for (const ref of [theirs.ref, 'no-such-ref']) {
      const r = await desk.client.get(record(ref));
      expect(r.status, ref).toBe(404);
      expect(r.body).toMatchObject({ error: 'not_found' });
    }
    const itStaff = await signInStaff(svc, { role: 'it' });
    expect((await itStaff.client.get(record(theirs.ref))).body).toMatchObject({ error: 'staff_forbidden' });
    const anonymous = await createStaffClient(svc).get(record(theirs.ref));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: 'staff_unauthenticated' });
  });
});
