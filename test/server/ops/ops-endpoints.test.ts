import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src-server/config.js';
import { coreChecks, OUTBOX_STUCK_MS } from '../../../src-server/ops/checks.js';
import { fail, ok } from '../../../src-server/ops/readiness.js';
import { insertOutbox } from '../../../src-server/mail/outbox.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

describeEachDatabase('Deploy: /healthz and /readyz', (database) => {
  let svc: TestService;
  afterEach(() => svc.close());

  it('Deploy: /healthz answers 200 and /readyz lists the database and migrations as ok', async () => {
    svc = await startTestService({ database });
    const client = createClient(svc.url);
    const health = await client.get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const ready = await client.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      ready: true,
      status: 'ready',
      checks: { database: { status: 'ok' }, migrations: { status: 'ok' }, mail_outbox: { status: 'ok' } },
    });
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it('Deploy: /readyz is 503 naming (to the metrics bearer) the migration this code has and the database lacks', async () => {
    svc = await startTestService({ database, env: { METRICS_TOKEN: TOKEN } });
    await svc.db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', '0003-nonce-expiry-index' as never)
      .execute();
    const ready = await createClient(svc.url).get<{
      status: string;
      checks: Record<string, { status: string; reason?: string }>;
    }>('/readyz', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('not_ready');
    expect(ready.body.checks.migrations).toEqual({ status: 'failed', reason: 'not applied: 0003-nonce-expiry-index' });
    // API.md's own fields, for a load balancer written against the shared contract.
    expect(ready.body).toMatchObject({ ready: false, reasons: ['migrations: not applied: 0003-nonce-expiry-index'] });
  });

  it('Deploy: a non-critical check that fails reports degraded and keeps /readyz at 200; a critical one makes it 503', async () => {
    svc = await startTestService({ database, env: { METRICS_TOKEN: TOKEN } });
    const client = createClient(svc.url);
    svc.readiness.register({
      name: 'redis',
      critical: false,
      check: async () => fail('connect ECONNREFUSED 127.0.0.1:1'),
    });
    const degraded = await client.get('/readyz', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({
      status: 'degraded',
      checks: { redis: { status: 'degraded', reason: 'connect ECONNREFUSED 127.0.0.1:1' }, database: { status: 'ok' } },
    });
    svc.readiness.register({ name: 'redis', critical: true, check: async () => fail('down') });
    expect((await client.get('/readyz')).status).toBe(503);
    svc.readiness.register({ name: 'redis', critical: true, check: async () => ok() });
    expect((await client.get('/readyz')).status).toBe(200);
  });

  it('Deploy: a check that never answers fails /readyz at its deadline instead of hanging it', async () => {
    svc = await startTestService({ database, env: { METRICS_TOKEN: TOKEN } });
    svc.readiness.register({ name: 'stuck', critical: true, check: () => new Promise(() => undefined) });
    const ready = await createClient(svc.url).get<{ checks: Record<string, { status: string; reason?: string }> }>(
      '/readyz',
      { headers: { authorization: `Bearer ${TOKEN}` } },
    );
    expect(ready.status).toBe(503);
    expect(ready.body.checks.stuck?.reason).toMatch(/no answer within/);
  });

  it('Deploy: while the instance drains for shutdown /readyz answers 503 (shutdown) and /healthz stays 200', async () => {
    svc = await startTestService({ database });
    svc.readiness.startDraining();
    const client = createClient(svc.url);
    const ready = await client.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'not_ready',
      checks: { shutdown: { status: 'failed' }, database: { status: 'ok' } },
    });
    expect((await client.get('/healthz')).status).toBe(200);
  });

  it('Deploy: the mail outbox check fails when a mail has been due for more than 5 minutes unsent, not before', async () => {
    // No sender runs (smtp off), so the row stays due: the check alone is measured.
    svc = await startTestService({ database, smtp: false });
    const checks = coreChecks({
      db: svc.db,
      clock: svc.clock,
      config: { ...loadConfig({}), smtpUrl: 'smtp://127.0.0.1:1' },
    });
    const outbox = checks.find((c) => c.name === 'mail_outbox');
    expect(outbox).toBeDefined();
    await insertOutbox(svc.db, svc.clock.now().getTime(), { to: 'a@example.jp', subject: 's', body: 'b' });
    svc.clock.advance(OUTBOX_STUCK_MS);
    expect(await outbox!.check()).toEqual({ ok: true });
    svc.clock.advance(60_000);
    expect(await outbox!.check()).toMatchObject({ ok: false, reason: expect.stringMatching(/due for 6 minutes/) });
  });
});

describeEachDatabase('Deploy: /metrics', (database) => {
  let svc: TestService;
  afterEach(() => svc.close());

  it('Deploy: without METRICS_TOKEN /metrics is 404 (JSON not_found), with or without a bearer', async () => {
    svc = await startTestService({ database });
    const client = createClient(svc.url);
    const none = await client.get('/metrics');
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ error: 'not_found' });
    expect((await client.get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it('Deploy: with METRICS_TOKEN, a wrong or missing bearer is 404 and the right one gets Prometheus text: requests by route and status, logins by outcome, outbox, lock-outs', async () => {
    svc = await startTestService({ database, env: { METRICS_TOKEN: TOKEN } });
    await svc.createEmployer({ id: 'metrics@example.jp', password: PASSWORD });
    const client = createClient(svc.url);
    expect((await client.get('/metrics')).status).toBe(404);
    expect((await client.get('/metrics', { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(404);
    await client.post(api.login.path, { id: 'metrics@example.jp', password: 'wrong-Passw0rd!' });
    await client.post(api.login.path, { id: 'metrics@example.jp', password: PASSWORD });
    await svc.mail.latestCode('metrics@example.jp', 'ワンタイムパスワード通知');
    const res = await fetch(`${svc.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain(`mypage_http_requests_total{route="${api.login.path}",method="POST",status="401"} 1`);
    expect(text).toContain(`mypage_http_requests_total{route="${api.login.path}",method="POST",status="200"} 1`);
    expect(text).toMatch(
      /mypage_http_request_duration_seconds_bucket\{le="[^"]+",route="\/api\/v1\/login",method="POST"\} \d/,
    );
    expect(text).toContain('mypage_logins_total{outcome="invalid_credentials"} 1');
    expect(text).toContain('mypage_logins_total{outcome="otp_required"} 1');
    expect(text).toContain('mypage_mail_outbox_unsent 0');
    expect(text).toContain('mypage_mail_outbox_sent 1');
    expect(text).toContain('mypage_mail_oldest_unsent_age_seconds 0');
    expect(text).toContain('mypage_login_locked_ids 0');
    expect(text).not.toContain('metrics@example.jp');
  });
});

describeEachDatabase('Deploy: /metrics lock-outs', (database) => {
  let svc: TestService;
  afterEach(() => svc.close());

  it('Deploy: an ID locked after 5 wrong passwords shows in mypage_login_locked_ids (read from the database at scrape time) and the 423 in logins by outcome', async () => {
    svc = await startTestService({ database, env: { METRICS_TOKEN: TOKEN } });
    await svc.createEmployer({ id: 'locked@example.jp', password: PASSWORD });
    const client = createClient(svc.url);
    for (let i = 0; i < 5; i++)
      await client.post(api.login.path, { id: 'locked@example.jp', password: `Wrong-pass${i}` });
    const text = await (await fetch(`${svc.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(text).toContain('mypage_login_locked_ids 1');
    expect(text).toContain('mypage_logins_total{outcome="locked"} 1');
    expect(text).toContain('mypage_logins_total{outcome="invalid_credentials"} 4');
  });
});

describe('Deploy: METRICS_TOKEN', () => {
  it('Deploy: a METRICS_TOKEN shorter than 16 characters is refused at start-up', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
  });
});
