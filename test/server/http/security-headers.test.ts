import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import { startTestService, type TestService } from '../../support/service-harness.js';

// src-server/http/security-headers.ts builds helmet once instead of per request (a performance
// fix, docs/performance.md); these pin the headers so that change cannot drift them.
const CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";

const EXPECTED = {
  'content-security-policy': CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

function expectSecurityHeaders(headers: Headers, hsts: boolean): void {
  for (const [name, value] of Object.entries(EXPECTED)) expect(headers.get(name), name).toBe(value);
  if (hsts) expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  else expect(headers.get('strict-transport-security')).toBeNull();
}

describe.each([
  ['development', false],
  ['production', true],
])('security headers on every answer (NODE_ENV=%s)', (nodeEnv, hsts) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ smtp: false, env: { NODE_ENV: nodeEnv } });
  });
  afterAll(() => svc.close());

  it('on a 200, a 401, a 404 and a refused body, the same set (HSTS only in production)', async () => {
    const ok = await fetch(svc.url + api.meta.path);
    expect(ok.status).toBe(200);
    expectSecurityHeaders(ok.headers, hsts);
    const unauthenticated = await fetch(svc.url + api.home.path);
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated.headers, hsts);
    // a literal path on purpose: the table has no such path
    const missing = await fetch(`${svc.url}/api/v1/nope`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers, hsts);
    const invalid = await fetch(svc.url + api.login.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":',
    });
    expect(invalid.status).toBe(400);
    expectSecurityHeaders(invalid.headers, hsts);
  });
});
