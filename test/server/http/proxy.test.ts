import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy } from '../../../src-server/config.js';
import { devMailboxServed } from '../../../src-server/mail/dev-mailbox.routes.js';
import { refuseWithoutPublicOrigin } from '../../../src-server/server.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const PUBLIC = 'https://mypage.example.jp';
const nonce = (svc: TestService, headers: Record<string, string>) =>
  createClient(svc.url).post(api.kioskNonce.path, { terminalId: 'no-such-terminal' }, { headers });

describe('Deploy: TRUST_PROXY values', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['true', true],
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    ['127.0.0.1, 10.0.0.0/8,::1', ['127.0.0.1', '10.0.0.0/8', '::1']],
    ['loopback', ['loopback']],
  ])('Deploy: TRUST_PROXY=%s → %o', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it('Deploy: a TRUST_PROXY entry that is not an address, CIDR, count or true/false is refused at start-up', () => {
    expect(() => loadConfig({ TRUST_PROXY: '127.0.0.1,nginx.internal' })).toThrow(/TRUST_PROXY: .*nginx\.internal/);
  });

  it('Deploy: serve refuses a non-loopback HOST or a TRUST_PROXY without PUBLIC_ORIGIN, and says what to set', () => {
    expect(() => refuseWithoutPublicOrigin({ host: '0.0.0.0', trustProxy: false, publicOrigin: undefined })).toThrow(
      /HOST=0\.0\.0\.0 is not a loopback address: set PUBLIC_ORIGIN/,
    );
    expect(() =>
      refuseWithoutPublicOrigin({ host: '127.0.0.1', trustProxy: ['127.0.0.1'], publicOrigin: undefined }),
    ).toThrow(/TRUST_PROXY is set: set PUBLIC_ORIGIN/);
    expect(() => refuseWithoutPublicOrigin({ host: '0.0.0.0', trustProxy: 1, publicOrigin: PUBLIC })).not.toThrow();
    expect(() =>
      refuseWithoutPublicOrigin({ host: '127.0.0.1', trustProxy: false, publicOrigin: undefined }),
    ).not.toThrow();
  });

  it('Deploy: the dev mailbox is served only on a loopback HOST without a proxy, SMTP or production', () => {
    const dev = {
      production: false,
      smtpUrl: undefined,
      host: '127.0.0.1',
      publicOrigin: undefined,
      trustProxy: false as const,
    };
    expect(devMailboxServed(dev)).toBe(true);
    expect(devMailboxServed({ ...dev, host: '0.0.0.0' })).toBe(false);
    expect(devMailboxServed({ ...dev, host: '192.168.1.10' })).toBe(false);
    expect(devMailboxServed({ ...dev, publicOrigin: PUBLIC })).toBe(false);
    expect(devMailboxServed({ ...dev, trustProxy: true })).toBe(false);
    expect(devMailboxServed({ ...dev, production: true })).toBe(false);
  });
});

describeEachDatabase('Deploy: behind a proxy', (database) => {
  let svc: TestService;
  afterEach(() => svc.close());

  it('Deploy: without TRUST_PROXY, X-Forwarded-For is ignored: one address for the limit and the audit row', async () => {
    svc = await startTestService({ database, rateLimit: true });
    await svc.createEmployer({ id: 'direct@example.jp', password: PASSWORD });
    await createClient(svc.url).post(
      api.login.path,
      { id: 'direct@example.jp', password: 'Wrong-pass1' },
      { headers: { 'x-forwarded-for': '203.0.113.7' } },
    );
    const audit = await svc.db
      .selectFrom('audit_events')
      .select('ip')
      .where('type', '=', 'password.failed')
      .executeTakeFirstOrThrow();
    expect(audit.ip).toBe('127.0.0.1');
    for (let i = 0; i < 30; i++) await nonce(svc, { 'x-forwarded-for': `203.0.113.${i}` });
    expect((await nonce(svc, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(429);
  });

  it('Deploy: with TRUST_PROXY=127.0.0.1 the per-IP limit, the audit row and the log line use the client address from X-Forwarded-For', async () => {
    const logs: string[] = [];
    svc = await startTestService({
      database,
      rateLimit: true,
      captureLogs: logs,
      env: { TRUST_PROXY: '127.0.0.1', PUBLIC_ORIGIN: PUBLIC },
    });
    await svc.createEmployer({ id: 'proxied@example.jp', password: PASSWORD });
    const a = { 'x-forwarded-for': '203.0.113.7' };
    await createClient(svc.url).post(
      api.login.path,
      { id: 'proxied@example.jp', password: 'Wrong-pass1' },
      { headers: a },
    );
    const audit = await svc.db
      .selectFrom('audit_events')
      .select('ip')
      .where('type', '=', 'password.failed')
      .executeTakeFirstOrThrow();
    expect(audit.ip).toBe('203.0.113.7');
    expect(logs.some((l) => l.includes(`"path":"${api.login.path}"`) && l.includes('"ip":"203.0.113.7"'))).toBe(true);
    for (let i = 0; i < 30; i++) expect((await nonce(svc, a)).status).toBe(401);
    expect((await nonce(svc, a)).status).toBe(429);
    // Another client behind the same proxy is not limited by the first one's requests.
    expect((await nonce(svc, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(401);
    // A client that forges its own X-Forwarded-For only adds an address before the proxy's.
    expect((await nonce(svc, { 'x-forwarded-for': '192.0.2.1, 203.0.113.7' })).status).toBe(429);
  });

  it('Deploy: with TRUST_PROXY set, an address the list does not name is not trusted (its X-Forwarded-For is ignored)', async () => {
    svc = await startTestService({ database, env: { TRUST_PROXY: '10.0.0.1', PUBLIC_ORIGIN: PUBLIC } });
    await svc.createEmployer({ id: 'untrusted@example.jp', password: PASSWORD });
    await createClient(svc.url).post(
      api.login.path,
      { id: 'untrusted@example.jp', password: 'Wrong-pass1' },
      { origin: PUBLIC, headers: { 'x-forwarded-for': '203.0.113.7' } },
    );
    const audit = await svc.db
      .selectFrom('audit_events')
      .select('ip')
      .where('type', '=', 'password.failed')
      .executeTakeFirstOrThrow();
    expect(audit.ip).toBe('127.0.0.1');
  });

  it('Deploy: with PUBLIC_ORIGIN=https://… the cookies are __Host- and Secure whatever Host and X-Forwarded-Proto say, and only that Origin may change state', async () => {
    svc = await startTestService({ database, env: { TRUST_PROXY: '127.0.0.1', PUBLIC_ORIGIN: PUBLIC } });
    await svc.createEmployer({ id: 'public@example.jp', password: PASSWORD });
    const browser = createClient(svc.url);
    const proxyHeaders = { host: '127.0.0.1', 'x-forwarded-proto': 'http' };
    const login = await browser.post<{ challenge: string }>(
      api.login.path,
      { id: 'public@example.jp', password: PASSWORD },
      { origin: PUBLIC, headers: proxyHeaders },
    );
    const otp = await svc.mail.latestCode('public@example.jp', 'ワンタイムパスワード通知');
    const done = await browser.post(
      api.loginOtp.path,
      { challenge: login.body.challenge, otp, rememberDevice: true },
      { origin: PUBLIC, headers: proxyHeaders },
    );
    expect(done.status).toBe(200);
    const cookies = done.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThanOrEqual(2);
    for (const c of cookies) {
      expect(c).toMatch(/^__Host-mypage_(session|device|known)=/);
      expect(c).toMatch(/; Secure/);
      expect(c).toMatch(/; HttpOnly/);
    }
    expect((await browser.get(api.home.path)).status).toBe(200);
    // The service's own address, or an Origin matching a forged Host, is not our origin.
    expect((await browser.post(api.logout.path, undefined, { origin: svc.url })).status).toBe(403);
    expect(
      (
        await browser.post(api.logout.path, undefined, {
          origin: 'https://evil.example',
          headers: { host: 'evil.example', 'x-forwarded-proto': 'https' },
        })
      ).status,
    ).toBe(403);
    expect((await browser.get(api.home.path)).status).toBe(200);
    expect((await browser.post(api.logout.path, undefined, { origin: PUBLIC })).status).toBe(204);
  });

  it('Deploy: without PUBLIC_ORIGIN on loopback, Origin must be this loopback port (127.0.0.1 or localhost), never one a Host header names', async () => {
    svc = await startTestService({ database });
    const browser = await svc.as(await svc.employer());
    expect(browser.jar.has('mypage_session')).toBe(true);
    const port = new URL(svc.url).port;
    expect(
      (
        await browser.post(api.logout.path, undefined, {
          origin: 'http://mypage.example.jp',
          headers: { host: 'mypage.example.jp' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await browser.post(api.logout.path, undefined, { origin: `http://127.0.0.1:${Number(port) + 1}` })).status,
    ).toBe(403);
    expect((await browser.post(api.logout.path, undefined, { origin: `http://localhost:${port}` })).status).toBe(204);
  });

  it('Deploy: a cookie-carrying state change with neither Origin nor Sec-Fetch-Site is refused (403 forbidden_origin); Sec-Fetch-Site same-origin passes', async () => {
    svc = await startTestService({ database });
    const browser = await svc.as(await svc.employer());
    const bare = await browser.post(api.logout.path, undefined, { origin: null });
    expect(bare.status).toBe(403);
    expect(bare.body).toMatchObject({ error: 'forbidden_origin' });
    expect((await browser.get(api.home.path)).status).toBe(200);
    expect(
      (await browser.post(api.logout.path, undefined, { origin: null, headers: { 'sec-fetch-site': 'same-origin' } }))
        .status,
    ).toBe(204);
  });

  it('Deploy: with TRUST_PROXY the dev mailbox is not served (it would show codes to the network)', async () => {
    svc = await startTestService({ database, smtp: false, env: { TRUST_PROXY: '127.0.0.1', PUBLIC_ORIGIN: PUBLIC } });
    expect((await fetch(`${svc.url}/dev/mailbox`)).status).toBe(404);
  });
});

describeEachDatabase('Deploy: Cache-Control no-store on every API answer', (database) => {
  let svc: TestService;
  afterEach(() => svc.close());

  it('Deploy: answers, error answers, unknown API paths, router-level refusals and 429s all say no-store; router refusals carry the security headers too', async () => {
    svc = await startTestService({ database, rateLimit: true });
    const c = createClient(svc.url);
    const answers = [
      await c.get(api.meta.path),
      await c.post(api.login.path, { id: 'nobody@example.jp', password: 'Wrong-pass1' }),
      await c.post(api.login.path, 'not json'),
      await c.get(api.home.path),
      // a literal path on purpose: the table has no such path
      await c.get('/api/v1/nothing-here'),
      await c.get('/api/openapi.json'),
    ];
    for (const a of answers) expect(a.headers.get('cache-control'), String(a.status)).toBe('no-store');
    expect(answers.map((a) => a.status)).toEqual([200, 401, 400, 401, 404, 200]);
    // a literal path on purpose: a broken %-escape, which the table cannot spell
    const broken = await fetch(`${svc.url}/api/v1/settings/devices/%E0%A4%A`, { method: 'DELETE' });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('cache-control')).toBe('no-store');
    expect(broken.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(broken.headers.get('x-content-type-options')).toBe('nosniff');
    let limited = 0;
    for (let i = 0; i < 31; i++) {
      const r = await nonce(svc, {});
      if (r.status === 429) {
        limited++;
        expect(r.headers.get('cache-control')).toBe('no-store');
      }
    }
    expect(limited).toBeGreaterThan(0);
  });
});
