import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  R_KIOSK_4_SESSION_IDLE_MS,
  SESSION_TOUCH_INTERVAL_MS,
  WEB_SESSION_ABSOLUTE_MS,
  WEB_SESSION_IDLE_MS,
} from '../../../src-shared/rules.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import type { AttestationVerifier } from '../../../src-server/login/attestation-verifier.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signIn } from '../../support/sign-in.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const attests: AttestationVerifier = { verify: async () => ({ ok: true, terminalId: 'T9' }) };

describeEachDatabase('sessions', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, attestationVerifier: attests });
  });
  afterAll(() => svc.close());

  async function signedIn(id: string) {
    await svc.createEmployer({ id, password: PASSWORD });
    const browser = createClient(svc.url);
    const done = await signIn(svc, browser, id, PASSWORD);
    return { browser, done, token: browser.jar.get('mypage_session')! };
  }

  it('R-LOGIN-2: the session cookie is HttpOnly, SameSite=Strict, Path=/; plain-http loopback drops Secure and __Host-', async () => {
    const { done, token } = await signedIn('cookie@example.jp');
    const line = done.headers.getSetCookie().find((l) => l.startsWith('mypage_session='))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Strict/i);
    expect(line).toMatch(/Path=\//);
    expect(line).not.toMatch(/Secure/i);
    const row = await svc.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', sha256(token))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('R-LOGIN-2: a Host header naming a real host does not change the cookie (decided from configuration, test/server/http/proxy.test.ts)', async () => {
    const browser = createClient(svc.url);
    const r = await browser.post(api.logout.path, undefined, {
      headers: { host: 'mypage.example.jp', cookie: 'mypage_session=abc' },
    });
    expect(r.status).toBe(204);
    const setCookie = r.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/^mypage_session=;/);
    expect(setCookie).not.toMatch(/Secure/);
  });

  it('R-LOGIN-2: every login gets a new session token', async () => {
    const { token } = await signedIn('fresh@example.jp');
    const again = await svc.as('fresh@example.jp');
    expect(again.jar.get('mypage_session')).not.toBe(token);
  });

  it('R-LOGIN-2: signing in again in the same browser ends the session of the old cookie', async () => {
    const { browser, token } = await signedIn('twice@example.jp');
    await signIn(svc, browser, 'twice@example.jp', PASSWORD);
    expect(browser.jar.get('mypage_session')).not.toBe(token);
    const old = await svc.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('token_hash', '=', sha256(token))
      .executeTakeFirstOrThrow();
    expect(old.revoked_at).not.toBeNull();
    expect((await browser.get(api.home.path)).status).toBe(200);
  });

  it('R-LOGIN-2: logout revokes the session at the service at once (a copied token stops working)', async () => {
    const { browser, token } = await signedIn('logout@example.jp');
    const thief = createClient(svc.url);
    thief.jar.set('mypage_session', token);
    expect((await thief.get(api.home.path)).status).toBe(200);
    expect((await browser.post(api.logout.path)).status).toBe(204);
    expect(browser.jar.has('mypage_session')).toBe(false);
    const after = await thief.get(api.home.path);
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('unauthenticated');
    expect(
      (
        await svc.db
          .selectFrom('sessions')
          .select('revoked_at')
          .where('token_hash', '=', sha256(token))
          .executeTakeFirstOrThrow()
      ).revoked_at,
    ).not.toBeNull();
  });

  it('R-LOGIN-2: a web session ends after 30 idle minutes', async () => {
    const { browser } = await signedIn('idle@example.jp');
    svc.clock.advance(WEB_SESSION_IDLE_MS - 1000);
    expect((await browser.get(api.home.path)).status).toBe(200); // activity restarts the idle timer
    svc.clock.advance(WEB_SESSION_IDLE_MS - 1000);
    expect((await browser.get(api.home.path)).status).toBe(200);
    svc.clock.advance(WEB_SESSION_IDLE_MS);
    expect((await browser.get(api.home.path)).status).toBe(401);
  });

  it('R-LOGIN-2: a visitor active every 40 seconds is never signed out for idleness (last use is written at most once a minute)', async () => {
    const { browser } = await signedIn('steady@example.jp');
    const step = SESSION_TOUCH_INTERVAL_MS * (2 / 3);
    for (let t = 0; t < WEB_SESSION_IDLE_MS * 1.5; t += step) {
      svc.clock.advance(step);
      expect((await browser.get(api.home.path)).status).toBe(200);
    }
    svc.clock.advance(WEB_SESSION_IDLE_MS);
    expect((await browser.get(api.home.path)).status).toBe(401);
  });

  it('R-LOGIN-2: a web session ends after 8 hours however active', async () => {
    const { browser } = await signedIn('absolute@example.jp');
    for (let t = 0; t < WEB_SESSION_ABSOLUTE_MS - 20 * 60_000; t += 20 * 60_000) {
      svc.clock.advance(20 * 60_000);
      expect((await browser.get(api.home.path)).status).toBe(200);
    }
    svc.clock.advance(20 * 60_000);
    expect((await browser.get(api.home.path)).status).toBe(401);
  });

  it('R-KIOSK-4: a kiosk session is short: it ends after 10 idle minutes, and logout by bearer revokes it', async () => {
    await svc.createEmployer({ id: 'kshort@example.jp', password: PASSWORD });
    const kiosk = createClient(svc.url);
    const login = async () =>
      (
        await kiosk.post<{ token: string }>(api.login.path, {
          id: 'kshort@example.jp',
          password: PASSWORD,
          attestation: { terminalId: 'T9', nonce: 'n', signature: 'AA==' },
        })
      ).body.token;
    const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
    const t1 = await login();
    svc.clock.advance(R_KIOSK_4_SESSION_IDLE_MS);
    expect((await kiosk.get(api.home.path, bearer(t1))).status).toBe(401);
    const t2 = await login();
    expect((await kiosk.get(api.home.path, bearer(t2))).status).toBe(200);
    expect((await kiosk.post(api.logout.path, undefined, bearer(t2))).status).toBe(204);
    expect((await kiosk.get(api.home.path, bearer(t2))).status).toBe(401);
  });
});
