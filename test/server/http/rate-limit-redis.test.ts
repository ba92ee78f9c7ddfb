import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../support/http-client.js';
import {
  closedPort,
  deleteKeys,
  killClientsNamed,
  redisSkipReason,
  REDIS_TEST_URL,
  startFreezableRedisProxy,
  testRedis,
  uniqueRedisPrefix,
} from '../../support/redis.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { api } from '../../../src-shared/api/routes.js';

/**
 * Per-IP limits with REDIS_URL: one count for every instance, and a per-process count (never no
 * limit) while Redis does not answer. 30 a minute per route and IP (the harness's rateLimit).
 * The instances here have databases of their own: the per-IP count lives only in Redis.
 */
if (redisSkipReason) console.warn(`[skipped] rate limits shared through Redis: ${redisSkipReason}`);

const LIMIT = 30;
const WARNING = 'rate limits: Redis does not answer';
const BACK = 'rate limits: Redis answers again';
/** A cheap limited endpoint: an unknown challenge is 410 at once (no hash). */
const otpTry = (url: string) =>
  createClient(url).post(api.loginOtp.path, { challenge: 'nope', otp: '123456', rememberDevice: false });
const count = (lines: string[], text: string) => lines.filter((l) => l.includes(text)).length;
const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25)); // real time: ioredis reconnects on real timers
  }
}

describe.skipIf(redisSkipReason !== undefined)('per-IP limits shared through Redis', { timeout: 60_000 }, () => {
  const admin = redisSkipReason ? undefined : testRedis();
  const services: TestService[] = [];
  const prefixes: string[] = [];
  const start = async (env: Record<string, string>, logs?: string[]) => {
    const svc = await startTestService({ rateLimit: true, smtp: false, env, ...(logs ? { captureLogs: logs } : {}) });
    services.push(svc);
    return svc;
  };
  const prefix = (tag: string) => {
    const p = uniqueRedisPrefix(tag);
    prefixes.push(p);
    return p;
  };
  afterEach(async () => {
    for (const s of services.splice(0)) await s.close();
  });
  afterAll(async () => {
    for (const p of prefixes) await deleteKeys(admin!, p);
    admin?.disconnect();
  });

  it(`R-LOGIN-3 (several instances): two instances on one Redis count one limit: ${LIMIT} a minute across both, then 429 on either`, async () => {
    const env = {
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: prefix('shared'),
      METRICS_TOKEN: 'metrics-token-for-the-test',
    };
    const [a, b] = [await start(env), await start(env)];
    await until(
      'both instances connected to Redis',
      async () =>
        (await readyz(a)).checks.rate_limit_store?.status === 'ok' &&
        (await readyz(b)).checks.rate_limit_store?.status === 'ok',
    );
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await otpTry(i % 2 ? b.url : a.url)).status);
    expect(tally(statuses)).toEqual({ 410: LIMIT });
    const over = [(await otpTry(a.url)).status, (await otpTry(b.url)).status];
    expect(over).toEqual([429, 429]); // without the shared store each instance would allow 30 on its own
    expect((await otpTry(b.url)).body).toMatchObject({ error: 'rate_limited' });
    const metrics = await a.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${env.METRICS_TOKEN}` },
    });
    expect(metrics.body).toMatch(/^mypage_rate_limit_shared 1$/m);
  });

  it('R-LOGIN-3 (Redis down): an instance whose Redis is unreachable answers every request, limits per process, warns once and reports degraded (200)', async () => {
    const logs: string[] = [];
    const token = 'metrics-token-for-the-test';
    const down = await start(
      { REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, REDIS_KEY_PREFIX: prefix('down'), METRICS_TOKEN: token },
      logs,
    );
    await until('the outage noticed', () => count(logs, WARNING) > 0);
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await otpTry(down.url)).status);
    expect(tally(statuses)).toEqual({ 410: LIMIT, 429: 1 }); // limited in memory, not unlimited
    const ready = await down.app.inject({
      method: 'GET',
      url: '/readyz',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ready.statusCode).toBe(200); // a Redis outage must not take every instance out of the load balancer
    expect(ready.json()).toMatchObject({
      status: 'degraded',
      checks: { rate_limit_store: { status: 'degraded', reason: expect.stringMatching(/Redis/) } },
    });
    expect(count(logs, WARNING)).toBe(1); // once per outage, not per request or per reconnect attempt
    const metrics = await down.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(metrics.body).toMatch(/^mypage_rate_limit_shared 0$/m);
  });

  it('R-LOGIN-3 (Redis drops the connection): requests go on and stay limited; the shared count is used again once it reconnects', async () => {
    const logs: string[] = [];
    const p = prefix('kill');
    const svc = await start({ REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: p }, logs);
    await until('connected to Redis', async () => (await readyz(svc)).checks.rate_limit_store?.status === 'ok');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await otpTry(svc.url)).status);
    expect(await killClientsNamed(admin!, `${p}${process.pid}`)).toBe(1);
    // Right after the drop, while ioredis reconnects: answered from the in-memory count.
    for (let i = 0; i < 5; i++) statuses.push((await otpTry(svc.url)).status);
    await until('the reconnect', () => count(logs, BACK) > 0);
    // One warning per outage, not one per request (5 were answered during it). On a starved
    // machine a command may also time out while the connection comes back: a second, real outage.
    expect(count(logs, WARNING)).toBeGreaterThanOrEqual(1);
    expect(count(logs, WARNING)).toBeLessThanOrEqual(2);
    expect((await readyz(svc)).checks.rate_limit_store).toEqual({ status: 'ok' });
    // The shared count went on where it was (10, plus whatever reached Redis), so the limit holds.
    for (let i = 0; i < LIMIT; i++) statuses.push((await otpTry(svc.url)).status);
    expect(statuses.every((s) => s === 410 || s === 429)).toBe(true);
    expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
    const firstOver = statuses.indexOf(429);
    expect(firstOver).toBeGreaterThanOrEqual(LIMIT);
    expect(statuses.slice(firstOver).every((s) => s === 429)).toBe(true);
  });

  it('R-LOGIN-3 (Redis hangs): a connected Redis that stops answering costs a request its command timeout, then memory; requests go on and stay limited', async () => {
    const proxy = await startFreezableRedisProxy();
    const logs: string[] = [];
    try {
      const svc = await start({ REDIS_URL: proxy.url, REDIS_KEY_PREFIX: prefix('hang') }, logs);
      await until('connected to Redis', async () => (await readyz(svc)).checks.rate_limit_store?.status === 'ok');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await otpTry(svc.url)).status);
      proxy.freeze();
      // Every request is answered although Redis never replies (the test would time out otherwise).
      for (let i = 0; i <= LIMIT; i++) statuses.push((await otpTry(svc.url)).status);
      expect(tally(statuses.slice(0, 5))).toEqual({ 410: 5 });
      expect(statuses.every((s) => s === 410 || s === 429)).toBe(true);
      expect(statuses.at(-1)).toBe(429); // the frozen stretch alone is over the limit: counted in memory
      expect(count(logs, WARNING)).toBe(1);
      expect(logs.find((l) => l.includes(WARNING))).toMatch(/timed out/i);
      expect((await readyz(svc)).checks.rate_limit_store).toMatchObject({ status: 'degraded' });
      expect((await svc.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      proxy.thaw();
      await until('Redis used again', async () => ((await otpTry(svc.url)).status, count(logs, BACK) > 0));
    } finally {
      for (const s of services.splice(0)) await s.close();
      await proxy.close();
    }
  });
});

async function readyz(
  svc: TestService,
): Promise<{ status: string; checks: Record<string, { status: string; reason?: string } | undefined> }> {
  return (await svc.app.inject({ method: 'GET', url: '/readyz' })).json();
}
