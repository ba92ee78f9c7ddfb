import { expect, test } from '@playwright/test';
import { errorText } from '../../../src-shared/api/errors.js';
import { heading, submitLogin } from '../web/fixtures.js';
import {
  deploySkipReason,
  employerId,
  freePort,
  signInOverHttps,
  startDeployment,
  until,
  visitorAddress,
  type Deployment,
} from './deployment.js';
import { dribbleBody } from './https-client.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

// The service as it is deployed (docs/deploy.md): nginx from Debian running deploy/nginx/mypage.conf
// (TLS with a certificate made for this run) in front of two instances started from
// deploy/systemd/mypage@.service, on a fresh PostgreSQL database, Redis and a real SMTP relay.
// One deployment for the file; a test that breaks a part puts it back before it ends.

const skip = await deploySkipReason();
// .ci/run installs every part, so there a missing part is a failure, never a quiet skip.
if (skip && process.env.MYPAGE_REQUIRE_DEPLOY === '1') throw new Error(`the deployment suite cannot run: ${skip}`);
if (skip) console.warn(`[skipped] deployment suite: ${skip}`);
test.skip(skip !== undefined, skip ?? '');

// Test 2 needs to see which instance answered; this header exists only in the suite's copy.
const INSTANCE_HEADER = 'x-test-instance';
let d: Deployment;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  d = await startDeployment({ extraProxyLines: [`add_header X-Test-Instance $upstream_addr always;`] });
});
test.afterAll(async () => {
  await d?.close();
});
test.afterEach(async ({}, info) => {
  if (info.status !== info.expectedStatus && d) {
    for (const i of d.instances) await info.attach(`instance ${i.port}`, { body: i.output() });
    await info.attach('nginx error.log', { body: d.nginx.errorLog() });
  }
});

/** Both instances answer /readyz 200 on their own port. */
async function bothReady(): Promise<void> {
  await until('both instances ready', async () => {
    const codes = await Promise.all(
      d.instances.map((i) => fetch(`http://127.0.0.1:${i.port}/readyz`).then((r) => r.status)),
    );
    return codes.every((c) => c === 200) ? true : undefined;
  });
}

test('Deploy: Chromium signs in through nginx over https — Secure __Host- cookies, the OTP from the SMTP relay, the home screen', async ({
  browser,
}) => {
  const id = employerId('browser');
  await d.createEmployer(id);
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const seen = d.mailsTo(id);
  await page.goto(d.origin);
  await submitLogin(page, id, PASSWORD);
  await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
  await page.getByLabel('ワンタイムパスワード', { exact: true }).fill(await d.nextOtp(id, seen));
  await page.getByRole('button', { name: '送信' }).click();
  await expect(heading(page, '求人者マイページホーム')).toBeVisible();

  const cookies = await context.cookies();
  expect(cookies.length, 'the session cookie').toBeGreaterThan(0);
  // From PUBLIC_ORIGIN (https), not from the Host nginx passes (localhost, which alone would mean plain loopback).
  for (const c of cookies) {
    expect(c.name, 'cookie name').toMatch(/^__Host-/);
    expect(c, `cookie ${c.name}`).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      domain: 'localhost',
    });
  }
  await context.close();
});

test('Deploy: the public origin — HSTS, http redirected to https, /metrics and the dev mailbox not served; Prometheus reads /metrics on each instance with METRICS_TOKEN', async () => {
  const client = d.client();
  const bearer = { authorization: `Bearer ${d.siteEnv.METRICS_TOKEN}` };
  expect((await client.get('/metrics', bearer)).status, 'nginx refuses /metrics, token or not').toBe(403);
  expect((await client.get('/dev/mailbox')).status).toBe(404);
  // production: HSTS on every https answer; plain http only points at https.
  expect((await client.get(api.meta.path)).headers['strict-transport-security']).toMatch(/max-age=\d+/);
  const plain = await fetch(`http://127.0.0.1:${d.httpPort}${api.meta.path}`, { redirect: 'manual' });
  expect(plain.status).toBe(301);
  expect(plain.headers.get('location')).toBe(`https://localhost${api.meta.path}`);
  for (const instance of d.instances) {
    const url = `http://127.0.0.1:${instance.port}/metrics`;
    expect((await fetch(url)).status, 'no token, no metrics').toBe(404);
    const r = await fetch(url, { headers: bearer });
    expect(r.status).toBe(200);
    const text = await r.text();
    for (const name of ['mypage_http_requests_total', 'mypage_logins_total', 'mypage_mail_oldest_unsent_age_seconds'])
      expect(text).toContain(name);
  }
});

test('Deploy: the per-IP limit is per real client and shared by both instances (one client at its limit gets 429, another is still answered)', async () => {
  const limit = 30; // RATE_LIMIT_PER_MINUTE's default: the env file leaves it unset
  const greedy = d.client({ localAddress: '127.0.0.2' });
  const other = d.client({ localAddress: '127.0.0.3' });
  // A wrong challenge: a cheap answer from a limited endpoint (no password hash, no mail).
  const attempt = (c: typeof greedy, headers?: Record<string, string>) =>
    c.post(api.loginOtp.path, { challenge: 'x'.repeat(43), otp: '000000', rememberDevice: false }, headers);

  const answered = new Map<string, number>();
  for (let i = 0; i < limit; i++) {
    const r = await attempt(greedy);
    expect(r.status, `request ${i + 1} of ${limit} is within the limit`).not.toBe(429);
    const by = String(r.headers[INSTANCE_HEADER]);
    answered.set(by, (answered.get(by) ?? 0) + 1);
  }
  expect(answered.size, `nginx spread the requests over both instances: ${JSON.stringify([...answered])}`).toBe(2);

  const over = await attempt(greedy);
  expect(over.status, 'the limit counts across both instances').toBe(429);
  expect(over.body).toMatchObject({ error: 'rate_limited' });
  // A client's own X-Forwarded-For does not make it someone else: nginx sets that header.
  const spoofed = await attempt(greedy, { 'x-forwarded-for': '203.0.113.7' });
  expect(spoofed.status).toBe(429);

  const fresh = await attempt(other);
  expect(fresh.status, 'another client is still answered').not.toBe(429);
  expect(fresh.status).toBeLessThan(500);
});

test("Deploy: a body dribbled a byte a second through nginx is cut off (408) by its instance's request deadline; another visitor signs in meanwhile", async () => {
  const slow = dribbleBody({ origin: d.origin, ca: d.certificate.pem, path: api.login.path, contentLength: 4_000 });
  try {
    const [id = ''] = await d.createEmployers('beside-slow', 1);
    const r = await signInOverHttps(d, d.client({ localAddress: visitorAddress() }), id);
    expect(r, 'a visitor beside the slow client').toMatchObject({ step: 'home', answer: { status: 200 } });
    // The instance's whole-request deadline is 30 s (HTTP_TIMEOUTS); nginx alone would wait for ever.
    const end = await until(
      'the slow client is cut off',
      () => Promise.race([slow.closed, new Promise<undefined>((r) => setTimeout(() => r(undefined), 1_000))]),
      60_000,
    );
    expect(end.answer, `after ${end.bytesSent} bytes`).toMatch(/^HTTP\/1\.1 408 /);
    expect(end.bytesSent).toBeLessThan(4_000 - 1);
  } finally {
    slow.stop();
  }
});

test('Deploy: one instance killed (SIGKILL) mid-run — logins go on through the other', async () => {
  const client = d.client({ localAddress: '127.0.0.4' });
  const id = employerId('failover');
  await d.createEmployer(id);
  expect((await signInOverHttps(d, client, id)).answer.status).toBe(200);

  const victim = d.instances[0];
  victim.child.kill('SIGKILL');
  await victim.exited;
  try {
    for (let i = 0; i < 4; i++) {
      const r = await signInOverHttps(d, client, id);
      expect(r, `login ${i + 1} after the kill`).toMatchObject({ step: 'home', answer: { status: 200 } });
    }
  } finally {
    await d.restartInstance(0);
  }
});

test('Deploy: a rolling restart as docs/deploy.md says (drain in nginx, SIGTERM, start, back in; one instance, then the other) drops no login', async () => {
  const client = d.client({ localAddress: '127.0.0.7' });
  const ids = await d.createEmployers('rolling', 40);
  const failures: unknown[] = [];
  let logins = 0;
  let rolling = true;
  const visitors = (async () => {
    while (rolling) {
      const r = await signInOverHttps(d, d.client({ localAddress: visitorAddress() }), ids[logins % ids.length]!).catch(
        (err: unknown) => ({ step: 'error', answer: String(err) }),
      );
      if (r.step === 'home' && typeof r.answer === 'object' && r.answer.status === 200) logins++;
      else failures.push(r);
    }
  })();
  const answeredBy = async () => String((await client.get(api.meta.path)).headers[INSTANCE_HEADER]);

  try {
    for (const i of [0, 1] as const) {
      const port = d.instances[i].port;
      const before = logins;
      d.drain([port]);
      // Drained once a few answers in a row come from the other instance only.
      await until(`nginx sends nothing to ${port}`, async () => {
        for (let k = 0; k < 4; k++) if ((await answeredBy()).endsWith(`:${port}`)) return undefined;
        return true;
      });
      await d.restartInstance(i);
      await until(`instance ${port} ready again`, async () =>
        (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200 ? true : undefined,
      );
      d.drain([]);
      await until(`logins went on while ${port} was out`, async () => (logins > before ? true : undefined), 30_000);
    }
  } finally {
    rolling = false;
    await visitors;
  }
  expect(failures, 'logins that failed during the roll').toEqual([]);
  expect(logins).toBeGreaterThan(1);
});

test('Deploy: PostgreSQL backends terminated and connections refused for a while — 503 service_unavailable and /readyz 503 during it, logins again after, by itself', async () => {
  const client = d.client({ localAddress: '127.0.0.5', timeoutMs: 10_000 });
  const [id = '', ...after] = await d.createEmployers('db-outage', 12);
  await bothReady();

  await d.admin(`alter database "${d.database}" allow_connections false`);
  try {
    await d.admin(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [d.database],
    );
    for (const instance of d.instances) {
      await until(`instance ${instance.port} says it is not ready`, async () => {
        const r = await fetch(`http://127.0.0.1:${instance.port}/readyz`);
        return r.status === 503 ? true : undefined;
      });
    }
    // Through nginx, to either instance: an answer (the client gives up after 10 s), 503, the code the screens show.
    for (let i = 0; i < 2; i++) {
      const r = await client.post(api.login.path, { id, password: PASSWORD });
      expect(r.status, JSON.stringify(r.body)).toBe(503);
      expect(r.body).toMatchObject({ error: 'service_unavailable', message: errorText.service_unavailable.ja });
    }
  } finally {
    await d.admin(`alter database "${d.database}" allow_connections true`);
  }

  await bothReady();
  for (let i = 0; i < 2; i++) {
    const r = await until('a login after the outage', async () => {
      const s = await signInOverHttps(d, d.client({ localAddress: visitorAddress() }), after.shift() ?? id);
      return s.answer.status === 200 ? s : undefined;
    });
    expect(r.step).toBe('home');
  }
  for (const instance of d.instances)
    expect(instance.child.exitCode, `instance ${instance.port} is still the same process`).toBeNull();
});

test('Deploy: Redis unreachable for one instance (a wrong port) — logins go on through it', async () => {
  const client = d.client({ localAddress: '127.0.0.6' });
  const id = employerId('redis-down');
  await d.createEmployer(id);
  const closedPort = await freePort();
  const lonely = await d.restartInstance(0, { REDIS_URL: `redis://127.0.0.1:${closedPort}` });
  await d.instances[1].stop('SIGTERM'); // every request now reaches the one without Redis
  try {
    for (let i = 0; i < 3; i++) {
      const r = await signInOverHttps(d, client, id);
      expect(r, `login ${i + 1} without Redis`).toMatchObject({ step: 'home', answer: { status: 200 } });
    }
    expect(lonely.child.exitCode).toBeNull();
    // It says so, and stays in service (200): the limits are counted in its own memory meanwhile.
    const ready = await fetch(`http://127.0.0.1:${lonely.port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'degraded',
      checks: { rate_limit_store: { status: 'degraded' } },
    });
  } finally {
    await d.restartInstance(1);
  }
});
