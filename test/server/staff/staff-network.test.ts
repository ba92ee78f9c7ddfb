import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { loadConfig } from '../../../src-server/config.js';
import { refuseSharedCookieHost, startServer } from '../../../src-server/server.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { staffOf, UNPROVEN_PASSKEY_RESPONSE } from '../../support/staff.js';

const FORWARDED = '203.0.113.9';

describe('staff listener: its own bind address and proxy trust (STAFF_HOST, STAFF_TRUST_PROXY)', () => {
  it('defaults to 127.0.0.1 and no proxy, whatever HOST and TRUST_PROXY say', () => {
    const c = loadConfig({ HOST: '0.0.0.0', TRUST_PROXY: 'true', STAFF_PORT: '8081' });
    expect([c.host, c.trustProxy, c.staffHost, c.staffTrustProxy]).toEqual(['0.0.0.0', true, '127.0.0.1', false]);
    const set = loadConfig({ STAFF_PORT: '8081', STAFF_HOST: '10.0.0.5', STAFF_TRUST_PROXY: '10.0.0.1' });
    expect([set.staffHost, set.staffTrustProxy]).toEqual(['10.0.0.5', ['10.0.0.1']]);
    expect(() => loadConfig({ STAFF_TRUST_PROXY: 'nonsense' })).toThrow(/TRUST_PROXY/);
  });
});

describe("staff listener: in production its host name is not the employer's (cookies ignore ports)", () => {
  it("refuses to start when STAFF_PUBLIC_ORIGIN's host name is PUBLIC_ORIGIN's, and says why", async () => {
    const env = {
      DATABASE_URL: 'sqlite::memory:',
      PORT: '0',
      LOG_LEVEL: 'silent',
      STAFF_PORT: '18443',
      PUBLIC_ORIGIN: 'https://mypage.example.jp',
      STAFF_PUBLIC_ORIGIN: 'https://mypage.example.jp:8443',
    };
    await expect(startServer({ ...loadConfig(env), rendererDir: undefined })).rejects.toThrow(
      /host name of PUBLIC_ORIGIN.*cookies by host name, not port.*STAFF_PUBLIC_ORIGIN=https:\/\/staff\.mypage\.example\.jp/,
    );
    const production = { production: true, publicOrigin: 'https://mypage.example.jp' };
    expect(() =>
      refuseSharedCookieHost({ ...production, staffPublicOrigin: 'https://MYPAGE.example.jp:9443' }),
    ).toThrow(/cookies/);
    expect(() =>
      refuseSharedCookieHost({ ...production, staffPublicOrigin: 'https://staff.mypage.example.jp' }),
    ).not.toThrow();
    // development without PUBLIC_ORIGIN (npm start: localhost:8080 and localhost:8081) still starts
    expect(() =>
      refuseSharedCookieHost({
        production: false,
        publicOrigin: undefined,
        staffPublicOrigin: 'http://localhost:8081',
      }),
    ).not.toThrow();
  });
});

describeEachDatabase("staff listener: the employer's TRUST_PROXY is not the staff listener's", (database) => {
  let employerBehindProxy: TestService;
  let staffBehindProxy: TestService;
  beforeAll(async () => {
    employerBehindProxy = await startTestService({ database, staff: true, env: { TRUST_PROXY: 'true' } });
    staffBehindProxy = await startTestService({ database, staff: true, env: { STAFF_TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await employerBehindProxy.close();
    await staffBehindProxy.close();
  });

  const failedSignInFrom = async (svc: TestService) => {
    const staff = staffOf(svc);
    const r = await fetch(`${staff.url}${staffApi.loginVerify.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: staff.origin, 'x-forwarded-for': FORWARDED },
      body: JSON.stringify({
        staffId: 'S9999999',
        response: UNPROVEN_PASSKEY_RESPONSE,
      }),
    });
    expect(r.status).toBe(401);
    const rows = await svc.db
      .selectFrom('audit_events')
      .select('ip')
      .where('type', '=', 'staff.login_failed')
      .execute();
    return rows.map((row) => row.ip);
  };

  it("TRUST_PROXY=true alone: a staff request's X-Forwarded-For is not believed (the audit row has the real peer)", async () => {
    expect(await failedSignInFrom(employerBehindProxy)).toEqual(['127.0.0.1']);
  });

  it('STAFF_TRUST_PROXY=true: the staff listener believes its proxy', async () => {
    expect(await failedSignInFrom(staffBehindProxy)).toEqual([FORWARDED]);
  });
});
