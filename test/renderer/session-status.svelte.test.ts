import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { api } from '../../src-shared/api/routes.js';
import { SESSION_TOUCH_INTERVAL_MS, WEB_SESSION_IDLE_MS } from '../../src-shared/rules.js';
import { sha256 } from '../../src-server/crypto/tokens.js';
import { AppModel } from '../../src-renderer/lib/app-model.svelte.js';
import ja from '../../src-renderer/lib/i18n/ja.js';
import { WebHost } from '../../src-renderer/lib/host/web-host.js';
import { describeEachDatabase } from '../support/databases.js';
import { createClient, type TestClient } from '../support/http-client.js';
import { PASSWORD } from '../support/passwords.js';
import { startTestService, type TestService } from '../support/service-harness.js';
import { signIn } from '../support/sign-in.js';

const MINUTE = 60_000;
const STATUS = api.session.path;

describeEachDatabase('session status (GET /session) and the signed-in page that follows it', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  let n = 0;
  async function signedIn(): Promise<TestClient> {
    const id = `status${++n}@example.jp`;
    await svc.createEmployer({ id, password: PASSWORD });
    const browser = createClient(svc.url);
    await signIn(svc, browser, id, PASSWORD);
    return browser;
  }
  const row = (browser: TestClient) =>
    svc.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', sha256(browser.jar.get('mypage_session')!))
      .executeTakeFirstOrThrow();

  it("answers the ends of the session and the seconds left by the service's clock; reading it never keeps the session alive", async () => {
    const browser = await signedIn();
    const start = await row(browser);
    const first = await browser.get(STATUS);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toContain('no-store');
    expect(first.body).toEqual({
      kind: 'web',
      idleEndsAt: new Date(start.last_seen_at + WEB_SESSION_IDLE_MS).toISOString(),
      endsAt: new Date(start.expires_at).toISOString(),
      secondsLeft: WEB_SESSION_IDLE_MS / 1000,
    });
    // Past the touch interval a use would move the last use; reading the status does not.
    svc.clock.advance(SESSION_TOUCH_INTERVAL_MS * 3);
    expect((await browser.get(STATUS)).body).toMatchObject({
      idleEndsAt: first.body.idleEndsAt,
      secondsLeft: (WEB_SESSION_IDLE_MS - SESSION_TOUCH_INTERVAL_MS * 3) / 1000,
    });
    expect((await row(browser)).last_seen_at).toBe(start.last_seen_at);
    svc.clock.advance(WEB_SESSION_IDLE_MS - SESSION_TOUCH_INTERVAL_MS * 3);
    expect((await browser.get(STATUS)).body).toMatchObject({ error: 'unauthenticated' });
    expect((await browser.get(api.home.path)).status).toBe(401);
    expect((await createClient(svc.url).get(STATUS)).status).toBe(401);
  });

  it('a signed-in page whose session ends by idling leads to login and says why; one used in between stays', async () => {
    const browser = await signedIn();
    const cookie = () => [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const host = new WebHost({
      base: svc.url,
      fetch: (url, init) =>
        fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie: cookie() } }),
    });
    // The page's own timer, moved by the test: the pending check and after how long.
    const pending: Array<{ ms: number; run: () => void }> = [];
    const next = () => pending.splice(0).at(-1)!;
    const app = new AppModel(host, {
      routing: 'memory',
      later: (ms, run) => (pending.push({ ms, run }), () => void pending.splice(0)),
    });
    const asked = vi.spyOn(host, 'sessionStatus');
    app.go('home');
    app.confirmSignedIn();
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    expect(pending[0]!.ms).toBe(WEB_SESSION_IDLE_MS + 1000);

    // 20 minutes on, the visitor opens a page (a use); the first end passes with the page still in use.
    svc.clock.advance(20 * MINUTE);
    expect((await host.home()).ok).toBe(true);
    svc.clock.advance(WEB_SESSION_IDLE_MS - 20 * MINUTE + 1000);
    next().run();
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    expect(asked).toHaveBeenCalledTimes(2);
    expect(pending[0]!.ms).toBe(20 * MINUTE); // what is left since the use, plus the second
    expect(app.router.current).toBe('home');
    expect(app.signedIn).toBe(true);

    // Then nobody touches it: at its end the page leaves for login with the reason.
    svc.clock.advance(20 * MINUTE);
    next().run();
    await vi.waitFor(() => expect(app.router.current).toBe('login'));
    expect(app.signedIn).toBe(false);
    expect({ ...app.notice, text: app.notice?.text() }).toEqual({ kind: 'error', text: ja.errors.sessionEnded });
    expect(pending).toEqual([]);
  });
});
