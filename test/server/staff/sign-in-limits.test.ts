import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAFF_SIGN_IN_ATTEMPTS_MAX, STAFF_SIGN_IN_WINDOW_MS } from '../../../src-shared/staff-api/auth.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { describeEachDatabase } from '../../support/databases.js';
import type { TestClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { createSoftAuthenticator } from '../../support/soft-authenticator.js';
import { createStaffClient, passkeyLogin, signInStaff, staffOf, type StaffSession } from '../../support/staff.js';

const MAX = STAFF_SIGN_IN_ATTEMPTS_MAX;
const EVIL = { origin: 'https://evil.example' };

describeEachDatabase(
  'staff sign-in attempts are bounded per staff ID, and a stranger cannot lock a clerk out',
  (database) => {
    let svc: TestService;
    beforeAll(async () => {
      svc = await startTestService({ database, staff: true, smtp: false });
    });
    afterAll(() => svc.close());

    /** A failed attempt as a stranger would make it: a fresh browser, an assertion for another origin. */
    const strangerTry = (clerk: StaffSession, client: TestClient = createStaffClient(svc)) =>
      passkeyLogin(client, clerk.authenticator, clerk.staffId, EVIL);
    const eventsOf = async (staffId: string) =>
      (
        await svc.db
          .selectFrom('budget_events')
          .select(['subject'])
          .where('subject', 'like', `staff:${staffId}|%`)
          .execute()
      ).map((r) => r.subject.replace(/browser:.*/, 'browser'));

    it(`after ${MAX} failures from anywhere the staff ID answers 429 (Retry-After) there, and the clerk's own browser still signs in`, async () => {
      const clerk = await signInStaff(svc, { role: 'office' }); // the counter's browser: it signed in before
      const answers = [];
      for (let i = 0; i < MAX; i++) answers.push((await strangerTry(clerk)).status);
      expect(answers).toEqual(Array.from({ length: MAX }, () => 401));
      const over = await strangerTry(clerk);
      expect(over.status).toBe(429);
      expect(over.body).toMatchObject({ error: 'rate_limited' });
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      // even the right passkey from a new browser waits now: the limit does not look at the passkey
      expect((await passkeyLogin(createStaffClient(svc), clerk.authenticator, clerk.staffId)).status).toBe(429);
      expect(await eventsOf(clerk.staffId)).toEqual(
        Array.from({ length: MAX }, () => `staff:${clerk.staffId}|anywhere`),
      );
      // the browser that signed in as this ID before counts apart: the clerk works on
      expect((await passkeyLogin(clerk.client, clerk.authenticator, clerk.staffId)).status).toBe(200);
      // and the window ends: anywhere is open again
      svc.clock.advance(STAFF_SIGN_IN_WINDOW_MS);
      expect((await passkeyLogin(createStaffClient(svc), clerk.authenticator, clerk.staffId)).status).toBe(200);
    });

    it("a known-browser marker forged, or another staff ID's, counts as anywhere; an unknown staff ID is limited alike", async () => {
      const clerk = await signInStaff(svc, { role: 'office' });
      const other = await signInStaff(svc, { role: 'office' });
      const forged = createStaffClient(svc);
      const marker = [...clerk.client.jar].find(([k]) => k.endsWith('mypage_staff_known'));
      expect(marker).toBeDefined();
      forged.jar.set(marker?.[0] ?? '', `${(marker?.[1] ?? '').split('.')[0]}.${'0'.repeat(64)}`);
      const othersBrowser = other.client; // signed in as another staff ID: its marker is not for this ID
      for (let i = 0; i < MAX / 2; i++) {
        expect((await strangerTry(clerk, forged)).status).toBe(401);
        expect((await strangerTry(clerk, othersBrowser)).status).toBe(401);
      }
      expect((await strangerTry(clerk)).status).toBe(429);
      // an unknown staff ID: the same 401s, then the same 429 (the limit tells nothing of existence)
      const stranger = createSoftAuthenticator({ origin: staffOf(svc).origin });
      stranger.register({ challenge: 'x', rp: {}, user: { id: 'AAAA' } });
      const unknownTry = async () => {
        const client = createStaffClient(svc);
        const opts = await client.post<{ options: { challenge: string } }>(staffApi.loginOptions.path, {
          staffId: 'S0000001',
        });
        const response = stranger.authenticate(opts.body.options, { credential: stranger.credentials[0] });
        return client.post(staffApi.loginVerify.path, { staffId: 'S0000001', response });
      };
      const statuses = [];
      for (let i = 0; i <= MAX; i++) statuses.push((await unknownTry()).status);
      expect(statuses).toEqual([...Array.from({ length: MAX }, () => 401), 429]);
    });

    it(`${MAX * 2} parallel failures from anywhere: exactly ${MAX} are checked (401), the rest 429, ${MAX} events stored`, async () => {
      const clerk = await signInStaff(svc, { role: 'it' });
      const answers = await Promise.all(Array.from({ length: MAX * 2 }, () => strangerTry(clerk)));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([...Array.from({ length: MAX }, () => 401), ...Array.from({ length: MAX }, () => 429)]);
      expect(await eventsOf(clerk.staffId)).toHaveLength(MAX);
      expect((await passkeyLogin(clerk.client, clerk.authenticator, clerk.staffId)).status).toBe(200);
    });
  },
);
