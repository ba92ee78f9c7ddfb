import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import { originAllowed } from '../../../src-server/http/origin-check.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';

describe('origin check (CSRF)', () => {
  const allowed = ['https://mypage.example.jp'];
  it.each([
    [{ origin: 'https://mypage.example.jp', secFetchSite: undefined }, true],
    [{ origin: 'https://evil.example', secFetchSite: undefined }, false],
    [{ origin: 'null', secFetchSite: undefined }, false],
    [{ origin: 'https://mypage.example.jp.evil.example', secFetchSite: undefined }, false],
    [{ origin: 'http://mypage.example.jp', secFetchSite: undefined }, false],
    [{ origin: undefined, secFetchSite: 'cross-site' }, false],
    [{ origin: undefined, secFetchSite: 'same-site' }, false],
    [{ origin: undefined, secFetchSite: 'same-origin' }, true],
    [{ origin: undefined, secFetchSite: undefined }, false],
  ])('R-OTP-3: %o → %s', (input, expected) => {
    expect(originAllowed({ ...input, allowed: (o) => allowed.includes(o) })).toBe(expected);
  });
});

describe('the service over HTTP', () => {
  let svc: TestService;
  let renderer: string;
  beforeAll(async () => {
    renderer = mkdtempSync(join(tmpdir(), 'renderer-'));
    writeFileSync(
      join(renderer, 'index.html'),
      '<!doctype html><title>My Page</title><script type="module" src="/app.js"></script>',
    );
    writeFileSync(join(renderer, 'app.js'), 'console.log(1)');
    mkdirSync(join(renderer, 'assets'));
    writeFileSync(join(renderer, 'assets', 'entry-abc.js'), 'console.log(2)');
    svc = await startTestService({ rendererDir: renderer, rateLimit: true });
    await svc.createEmployer({ id: 'csrf@example.jp', password: PASSWORD });
  });
  afterAll(() => svc.close());

  it('R-OTP-3: a cookie-carrying state change from another origin is refused with 403 forbidden_origin', async () => {
    const browser = await svc.as('csrf@example.jp');
    const evil = await browser.post(api.logout.path, undefined, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body.error).toBe('forbidden_origin');
    expect((await browser.get(api.home.path)).status).toBe(200); // still signed in
    const crossSite = await browser.post(api.logout.path, undefined, {
      origin: null,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect((await browser.post(api.logout.path)).status).toBe(204);
  });

  it('R-KIOSK-1: the screens are served at / with a strict CSP, and client routes fall back to index.html', async () => {
    const root = await fetch(`${svc.url}/`);
    expect(root.status).toBe(200);
    const csp = root.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(root.headers.get('x-content-type-options')).toBe('nosniff');
    const deep = await fetch(`${svc.url}/settings/devices`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>My Page</title>');
    expect((await fetch(`${svc.url}/app.js`)).status).toBe(200);
    // relative ./assets/… references still load from a deep link
    const nested = await fetch(`${svc.url}/settings/assets/entry-abc.js`);
    expect(nested.status).toBe(200);
    expect(await nested.text()).toBe('console.log(2)');
    expect((await fetch(`${svc.url}/settings/assets/..%2Fapp.js`)).status).toBe(404);
    // a literal path on purpose: the table has no such path
    const api404 = await fetch(`${svc.url}/api/v1/nope`, { headers: { accept: 'text/html' } });
    expect(api404.status).toBe(404);
  });

  it('R-LOGIN-3: unauthenticated endpoints are rate limited per IP (429 rate_limited)', async () => {
    const c = createClient(svc.url);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push(
        (await c.post(api.loginOtp.path, { challenge: 'nope', otp: '123456', rememberDevice: false })).status,
      );
    // 30 a minute per route and IP (earlier tests here used one or two of them)
    expect(statuses.filter((s) => s === 410).length).toBeGreaterThanOrEqual(28);
    expect(statuses.filter((s) => s === 410).length).toBeLessThanOrEqual(30);
    expect(statuses.at(-1)).toBe(429);
    const last = await c.post(api.loginOtp.path, { challenge: 'nope', otp: '123456', rememberDevice: false });
    expect(last.status).toBe(429);
    expect(last.body).toMatchObject({ error: 'rate_limited' });
    expect((await c.get(api.meta.path)).status).toBe(200); // not limited
  });

  it('R-LOGIN-5: the dev mailbox shows the mail when no SMTP is set; the contract is published as OpenAPI', async () => {
    const dev = await startTestService({ smtp: false });
    try {
      await dev.createEmployer({ id: 'dev@example.jp', password: PASSWORD });
      await createClient(dev.url).post(api.login.path, { id: 'dev@example.jp', password: PASSWORD });
      const page = await fetch(`${dev.url}/dev/mailbox`);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('ワンタイムパスワード通知');
      expect(html).toMatch(/\n\d{6}\n/);
      expect(await dev.mail.latestCode('dev@example.jp')).toMatch(/^\d{6}$/);
    } finally {
      await dev.close();
    }
    expect((await fetch(`${svc.url}/dev/mailbox`)).status).toBe(404); // SMTP is set here
    const doc = (await (await fetch(`${svc.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([api.login.path, api.loginOtp.path, api.logout.path, api.home.path, api.meta.path]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['LoginRequest', 'LoginResponse']));
  });

  it('R-LOGIN-4: no endpoint looks an ID up: the published paths are exactly those of the contract', async () => {
    const doc = (await (await fetch(`${svc.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    const contract = Object.values(api).map((r) => r.path.replace(/:(\w+)/g, '{$1}'));
    expect(Object.keys(doc.paths).sort()).toEqual([...new Set(contract)].sort());
  });

  it('R-LOGIN-5: MAIL_FROM sets the sender the screens name and the mails carry', async () => {
    const other = await startTestService({ env: { MAIL_FROM: 'noreply@mypage.example.jp' } });
    try {
      await other.createEmployer({ id: 'from@example.jp', password: PASSWORD });
      expect((await createClient(other.url).get(api.meta.path)).body.mailFrom).toBe('noreply@mypage.example.jp');
      await createClient(other.url).post(api.login.path, { id: 'from@example.jp', password: PASSWORD });
      expect((await other.mail.waitFor({ to: 'from@example.jp' })).from).toContain('noreply@mypage.example.jp');
    } finally {
      await other.close();
    }
  });
});
