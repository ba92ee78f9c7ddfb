import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import {
  R_KIOSK_4_SESSION_IDLE_MS,
  SESSION_TOUCH_INTERVAL_MS,
  WEB_SESSION_IDLE_MS,
} from '../../../src-shared/rules.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import type { AttestationVerifier } from '../../../src-server/login/attestation-verifier.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signIn } from '../../support/sign-in.js';
import { PASSWORD } from '../../support/passwords.js';

const attests: AttestationVerifier = { verify: async () => ({ ok: true, terminalId: 'T9' }) };
const EXTEND = api.sessionExtend.path;
const HOME = api.home.path;

describeEachDatabase('session extend (「延長する」)', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, attestationVerifier: attests });
  });
  afterAll(() => svc.close());

  const row = (token: string) =>
    svc.db.selectFrom('sessions').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirstOrThrow();

  it('R-LOGIN-2: extending a web session makes its last use now, so it outlives one that was only read', async () => {
    await svc.createEmployer({ id: 'extend@example.jp', password: PASSWORD });
    const [extended, idle] = [createClient(svc.url), createClient(svc.url)];
    await signIn(svc, extended, 'extend@example.jp', PASSWORD);
    await signIn(svc, idle, 'extend@example.jp', PASSWORD);
    const before = await row(extended.jar.get('mypage_session')!);
    // Within the touch interval a read leaves the last use alone; the extend always writes it.
    svc.clock.advance(SESSION_TOUCH_INTERVAL_MS / 2);
    expect((await idle.get(HOME)).status).toBe(200);
    expect((await extended.post(EXTEND)).status).toBe(204);
    const after = await row(extended.jar.get('mypage_session')!);
    expect(after.last_seen_at).toBe(svc.clock.now().getTime());
    expect(after.expires_at).toBe(before.expires_at); // the absolute end stays
    svc.clock.advance(WEB_SESSION_IDLE_MS - SESSION_TOUCH_INTERVAL_MS / 4);
    expect((await extended.get(HOME)).status).toBe(200);
    expect((await idle.get(HOME)).status).toBe(401);
  });

  it('R-KIOSK-4: a kiosk session (bearer) is extended the same way, and only a live one', async () => {
    await svc.createEmployer({ id: 'kextend@example.jp', password: PASSWORD });
    const kiosk = createClient(svc.url);
    const { body } = await kiosk.post<{ token: string }>(api.login.path, {
      id: 'kextend@example.jp',
      password: PASSWORD,
      attestation: { terminalId: 'T9', nonce: 'n', signature: 'AA==' },
    });
    const bearer = { headers: { authorization: `Bearer ${body.token}` } };
    svc.clock.advance(R_KIOSK_4_SESSION_IDLE_MS - 1000);
    expect((await kiosk.post(EXTEND, undefined, bearer)).status).toBe(204);
    svc.clock.advance(R_KIOSK_4_SESSION_IDLE_MS - 1000);
    expect((await kiosk.get(HOME, bearer)).status).toBe(200);
    svc.clock.advance(R_KIOSK_4_SESSION_IDLE_MS);
    const late = await kiosk.post(EXTEND, undefined, bearer);
    expect(late.status).toBe(401);
    expect(late.body.error).toBe('unauthenticated');
  });

  it('R-LOGIN-2: without a session, or after logout, the extend answers 401 unauthenticated', async () => {
    const stranger = createClient(svc.url);
    const none = await stranger.post(EXTEND);
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('unauthenticated');
    const browser = await svc.as(await svc.employer());
    const token = browser.jar.get('mypage_session')!;
    expect((await browser.post(api.logout.path)).status).toBe(204);
    browser.jar.set('mypage_session', token);
    expect((await browser.post(EXTEND)).status).toBe(401);
  });

  it('R-LOGIN-2: a cookie session cannot be extended from another origin (CSRF check)', async () => {
    const browser = await svc.as(await svc.employer());
    const r = await browser.post(EXTEND, undefined, { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('forbidden_origin');
  });
});
