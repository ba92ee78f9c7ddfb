import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAFF_SESSION_ABSOLUTE_MS, STAFF_SESSION_IDLE_MS } from '../../../src-shared/staff-api/auth.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { api } from '../../../src-shared/api/routes.js';
import { installCookiePolicy } from '../../../src-server/auth/cookies.js';
import { loadConfig } from '../../../src-server/config.js';
import { createRetentionSweep, RETENTION } from '../../../src-server/ops/retention.js';
import { requireStaff } from '../../../src-server/staff/require-staff.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signIn } from '../../support/sign-in.js';
import { createStaffClient, signInStaff, staffOf } from '../../support/staff.js';

describeEachDatabase('staff console: staff sessions and the two listeners', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
  });
  afterAll(() => svc.close());

  it('a staff session ends after 15 minutes without a request; each request starts the 15 minutes again', async () => {
    const { client } = await signInStaff(svc, { role: 'it' });
    svc.clock.advance(STAFF_SESSION_IDLE_MS - 1_000);
    expect((await client.get(staffApi.me.path)).status).toBe(200);
    svc.clock.advance(STAFF_SESSION_IDLE_MS - 1_000);
    expect((await client.get(staffApi.me.path)).status).toBe(200);
    svc.clock.advance(STAFF_SESSION_IDLE_MS);
    const r = await client.get(staffApi.me.path);
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error: 'staff_unauthenticated' });
  });

  it('a staff session ends 8 hours after sign-in however busy it is', async () => {
    const { client } = await signInStaff(svc, { role: 'it' });
    for (let t = 0; t < STAFF_SESSION_ABSOLUTE_MS - 10 * 60_000; t += 10 * 60_000) {
      svc.clock.advance(10 * 60_000);
      expect((await client.get(staffApi.me.path)).status).toBe(200);
    }
    svc.clock.advance(10 * 60_000);
    expect((await client.get(staffApi.me.path)).status).toBe(401);
  });

  it('the session token is stored only as its SHA-256, and logout ends it on the service (the old cookie no longer works)', async () => {
    const { client } = await signInStaff(svc, { role: 'it' });
    const token = client.jar.get('mypage_staff') ?? '';
    expect(token.length).toBeGreaterThan(30);
    expect(
      await svc.db.selectFrom('staff_sessions').select('id').where('token_hash', '=', token).execute(),
    ).toHaveLength(0);
    await client.post(staffApi.logout.path);
    const replay = await createClient(staffOf(svc).url).get(staffApi.me.path, {
      headers: { cookie: `mypage_staff=${token}` },
    });
    expect(replay.status).toBe(401);
  });

  it("an employer's session (cookie or Bearer token) is never a staff session", async () => {
    await svc.createEmployer({ id: 'staff-test@example.jp', password: PASSWORD });
    const employer = createClient(svc.url);
    await signIn(svc, employer, 'staff-test@example.jp', PASSWORD);
    const token = employer.jar.get('mypage_session') ?? '';
    expect(token).not.toBe('');
    const staffUrl = staffOf(svc).url;
    const attempts: Record<string, string>[] = [
      { cookie: `mypage_session=${token}` },
      { cookie: `mypage_staff=${token}` },
      { authorization: `Bearer ${token}` },
    ];
    for (const headers of attempts) {
      const r = await createClient(staffUrl).get(staffApi.me.path, { headers });
      expect(r.status, JSON.stringify(headers)).toBe(401);
      expect(r.body).toMatchObject({ error: 'staff_unauthenticated' });
    }
  });

  it('the employer listener answers 404 for every staff path, and the staff listener serves no employer API', async () => {
    const { client } = await signInStaff(svc, { role: 'it' });
    const cookie = `mypage_staff=${client.jar.get('mypage_staff')}`;
    for (const route of Object.values(staffApi)) {
      const r = await fetch(svc.url + route.path, {
        method: route.method,
        headers: { cookie, origin: svc.url, 'content-type': 'application/json' },
        ...(route.method === 'POST' ? { body: '{}' } : {}),
      });
      expect(r.status, route.path).toBe(404);
    }
    expect(
      (await createStaffClient(svc).post(api.login.path, { id: 'staff-test@example.jp', password: PASSWORD })).status,
    ).toBe(404);
    expect((await createStaffClient(svc).get(api.meta.path)).status).toBe(404);
    expect((await createStaffClient(svc).get('/dev/mailbox')).status).toBe(404);
  });

  it('a staff member of the wrong role gets 403 staff_forbidden; without a session 401', async () => {
    const app = Fastify();
    await app.register(cookie);
    installCookiePolicy(app, { publicOrigin: staffOf(svc).origin, host: '127.0.0.1', trustProxy: false });
    app.decorateRequest('staff', null);
    app.get('/it-only', { preHandler: requireStaff({ db: svc.db, clock: svc.clock }, 'it') }, async (request) => ({
      staffId: request.staff?.staffId,
    }));
    const office = await signInStaff(svc, { role: 'office' });
    const it_ = await signInStaff(svc, { role: 'it' });
    const as = (c: typeof office) =>
      app.inject({ url: '/it-only', headers: { cookie: `mypage_staff=${c.client.jar.get('mypage_staff')}` } });
    expect((await as(office)).statusCode).toBe(403);
    expect((await as(office)).json()).toMatchObject({ error: 'staff_forbidden' });
    expect((await as(it_)).json()).toEqual({ staffId: it_.staffId });
    expect((await app.inject({ url: '/it-only' })).statusCode).toBe(401);
    await app.close();
  });

  it('a state change from another origin is refused before it does anything (403 forbidden_origin), signed in or not', async () => {
    const { client, staffId } = await signInStaff(svc, { role: 'it' });
    const r = await client.post(staffApi.logout.path, undefined, { origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: 'forbidden_origin' });
    expect((await client.get(staffApi.me.path)).status).toBe(200);
    expect((await client.post(staffApi.loginOptions.path, { staffId }, { origin: svc.url })).status).toBe(403);
    expect((await client.post(staffApi.loginOptions.path, { staffId }, { origin: null })).status).toBe(403);
  });

  it('staff answers carry the security headers and no-store', async () => {
    const r = await createStaffClient(svc).get(staffApi.me.path);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('the retention sweep deletes spent sign-in challenges and ended staff sessions a day after they end, not before', async () => {
    const { client, staffId } = await signInStaff(svc, { role: 'it' });
    await createStaffClient(svc).post(staffApi.loginOptions.path, { staffId });
    await client.post(staffApi.logout.path);
    const sweep = createRetentionSweep({ db: svc.db, dialect: database, clock: svc.clock, config: loadConfig({}) });
    const first = await sweep.runOnce();
    expect(first.status === 'swept' && first.deleted.staff_sessions).toBe(0);
    svc.clock.advance(RETENTION.graceMs + STAFF_SESSION_ABSOLUTE_MS);
    const later = await sweep.runOnce();
    expect(later.status === 'swept' && later.deleted.staff_challenges).toBeGreaterThanOrEqual(1);
    expect(later.status === 'swept' && later.deleted.staff_sessions).toBeGreaterThanOrEqual(1);
  });
});
