import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { createStaffClient, passkeyLogin, registerStaff, staffOf } from '../../support/staff.js';

describe('staff console: the staff listener serves the console page and limits its anonymous endpoints', () => {
  let dir: string;
  let svc: TestService;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mypage-staff-page-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'staff.html'),
      '<!doctype html><title>職員コンソール</title><script type="module" src="./assets/staff-abc.js"></script>',
    );
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>求人者マイページ</title>');
    writeFileSync(join(dir, 'kiosk.html'), '<!doctype html><title>来所者端末</title>');
    writeFileSync(join(dir, 'assets', 'staff-abc.js'), 'import{a}from"./shared-def.js";console.log(a)');
    writeFileSync(join(dir, 'assets', 'shared-def.js'), 'export const a=1');
    writeFileSync(join(dir, 'assets', 'index-xyz.js'), 'console.log("employer")');
    svc = await startTestService({ staff: true, rendererDir: dir, rateLimit: true });
  });
  afterAll(async () => {
    await svc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('`/` (and a deep link) is staff.html; the employer screens are not served there; unknown API paths are JSON 404', async () => {
    const url = staffOf(svc).url;
    const root = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('職員コンソール');
    expect(root.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await (await fetch(`${url}/kiosks`, { headers: { accept: 'text/html' } })).text()).toContain(
      '職員コンソール',
    );
    expect((await fetch(`${url}/assets/staff-abc.js`)).status).toBe(200);
    expect((await fetch(`${url}/index.html`)).status).toBe(404);
    const api = await fetch(`${url}/api/v1/staff/nothing`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'not_found' });
    expect(await (await fetch(`${svc.url}/`, { headers: { accept: 'text/html' } })).text()).toContain(
      '求人者マイページ',
    );
  });

  it('each listener serves only its own pages: no index.html or kiosk.html on the staff listener, no staff.html on the employer one', async () => {
    const staffUrl = staffOf(svc).url;
    for (const page of ['index.html', 'kiosk.html']) {
      const plain = await fetch(`${staffUrl}/${page}`);
      expect(plain.status, page).toBe(404);
      const asPage = await (await fetch(`${staffUrl}/${page}`, { headers: { accept: 'text/html' } })).text();
      expect(asPage, page).not.toMatch(/求人者マイページ|来所者端末/);
    }
    // of assets/, only what staff.html needs (and what that imports); the employer's bundle is the employer listener's
    expect((await fetch(`${staffUrl}/assets/shared-def.js`)).status).toBe(200);
    expect((await fetch(`${staffUrl}/assets/index-xyz.js`)).status).toBe(404);
    expect((await fetch(`${staffUrl}/deep/assets/index-xyz.js`)).status).toBe(404);
    expect((await fetch(`${svc.url}/assets/index-xyz.js`)).status).toBe(200);
    expect((await fetch(`${svc.url}/staff.html`)).status).toBe(404);
    expect(await (await fetch(`${svc.url}/staff.html`, { headers: { accept: 'text/html' } })).text()).not.toContain(
      '職員コンソール',
    );
  });

  it("sign-in options are limited per IP like the employer login (429 rate_limited), apart from the employer's count", async () => {
    const client = createStaffClient(svc);
    const answers = [];
    for (let i = 0; i < 31; i++)
      answers.push((await client.post(staffApi.loginOptions.path, { staffId: 'S1234567' })).status);
    expect(answers.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(answers[30]).toBe(429);
    expect(
      (
        await fetch(`${svc.url}/api/v1/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: svc.url },
          body: JSON.stringify({ id: 'a@b.jp', password: 'x' }),
        })
      ).status,
    ).toBe(401);
  });
});

describe('staff console: no staff.html in the build yet', () => {
  it('the staff listener still starts and answers its API', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mypage-staff-empty-'));
    const svc = await startTestService({ staff: true, rendererDir: empty });
    try {
      expect((await fetch(`${staffOf(svc).url}${staffApi.me.path}`)).status).toBe(401);
      expect((await fetch(`${staffOf(svc).url}/`, { headers: { accept: 'text/html' } })).status).toBe(404);
    } finally {
      await svc.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('staff console: STAFF_PUBLIC_ORIGIN https://', () => {
  it('passkeys are bound to its host name, the cookie is __Host-mypage_staff and Secure, and only that Origin is accepted', async () => {
    const svc = await startTestService({ staff: true, env: { STAFF_PUBLIC_ORIGIN: 'https://staff.example.jp' } });
    try {
      expect(staffOf(svc).origin).toBe('https://staff.example.jp');
      const { client, authenticator, staffId } = await registerStaff(svc, { role: 'it' });
      expect(authenticator.credentials[0]?.rpID).toBe('staff.example.jp');
      const r = await passkeyLogin(client, authenticator, staffId);
      expect(r.status).toBe(200);
      const cookie = r.headers.getSetCookie().join('\n');
      expect(cookie).toMatch(/^__Host-mypage_staff=[^;]+;.*Secure/);
      expect(cookie).toMatch(/HttpOnly/);
      expect((await client.get(staffApi.me.path)).status).toBe(200);
      expect(
        (
          await client.post(
            staffApi.loginOptions.path,
            { staffId },
            { origin: `http://localhost:${new URL(staffOf(svc).url).port}` },
          )
        ).status,
      ).toBe(403);
    } finally {
      await svc.close();
    }
  });
});
