import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
const bearer = { headers: { authorization: `Bearer ${TOKEN}` } };
/** What a driver says when its database is gone: the text names the database and the host. */
const DRIVER_TEXT = 'connection to server at "db-internal.example" failed: database "mypage_prod_tokyo" does not exist';

describeEachDatabase('Deploy: what the public reads of /readyz', (database) => {
  let svc: TestService;
  afterEach(() => svc.close());

  it('Deploy: during an outage anyone gets 503, not ready and the failed checks by code only; no driver text, no database or host name', async () => {
    svc = await startTestService({ database, env: { METRICS_TOKEN: TOKEN } });
    svc.readiness.register({ name: 'database', critical: true, check: () => Promise.reject(new Error(DRIVER_TEXT)) });
    svc.readiness.register({
      name: 'rate_limit_store',
      critical: false,
      check: async () => ({ ok: false, reason: 'Redis at redis-internal.example:6379 refused' }),
    });
    const client = createClient(svc.url);
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const r = await client.get<Record<string, unknown>>('/readyz', { headers });
      expect(r.status).toBe(503);
      expect(r.body).toEqual({
        ready: false,
        status: 'not_ready',
        reasons: ['database'],
        checks: {
          database: { status: 'failed' },
          migrations: { status: 'ok' },
          mail_outbox: { status: 'ok' },
          rate_limit_store: { status: 'degraded' },
        },
      });
      expect(JSON.stringify(r.body)).not.toMatch(/mypage_prod_tokyo|internal\.example|Redis/);
    }
    // the operator, with the metrics bearer, reads why
    const detailed = await client.get<{ reasons: string[]; checks: Record<string, { reason?: string }> }>(
      '/readyz',
      bearer,
    );
    expect(detailed.status).toBe(503);
    expect(detailed.body.reasons).toEqual([`database: ${DRIVER_TEXT}`]);
    expect(detailed.body.checks.rate_limit_store?.reason).toMatch(/refused/);
  });

  it('Deploy: ready answers 200 with the same shape for anyone, and without METRICS_TOKEN no bearer reveals more', async () => {
    svc = await startTestService({ database });
    svc.readiness.register({
      name: 'rate_limit_store',
      critical: false,
      check: async () => ({ ok: false, reason: 'Redis down' }),
    });
    const r = await createClient(svc.url).get('/readyz', bearer);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      ready: true,
      status: 'degraded',
      checks: {
        database: { status: 'ok' },
        migrations: { status: 'ok' },
        mail_outbox: { status: 'ok' },
        rate_limit_store: { status: 'degraded' },
      },
    });
  });
});
