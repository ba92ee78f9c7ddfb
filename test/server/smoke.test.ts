import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { createClient } from '../support/http-client.js';
import { startTestService, type TestService } from '../support/service-harness.js';
import { PASSWORD } from '../support/passwords.js';
import { api } from '../../src-shared/api/routes.js';

describeEachDatabase('service smoke', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
    await svc.createEmployer({ id: 'smoke@example.jp', password: PASSWORD });
  });
  afterAll(() => svc.close());

  it('R-LOGIN-2: ID and password, then the mailed OTP, open the home screen', async () => {
    const c = createClient(svc.url);
    const meta = await c.get(api.meta.path);
    expect(meta.body).toEqual({ mailFrom: 'system@mail.hellowork.mhlw.go.jp', production: false });
    const login = await c.post(api.login.path, { id: 'Smoke@Example.jp ', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.status).toBe('otp_required');
    const otp = await svc.mail.latestCode('smoke@example.jp', 'ワンタイムパスワード通知');
    expect(otp).toMatch(/^\d{6}$/);
    const done = await c.post(api.loginOtp.path, { challenge: login.body.challenge, otp, rememberDevice: false });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ status: 'authenticated', kind: 'web' });
    const home = await c.get(api.home.path);
    expect(home.status).toBe(200);
    expect(home.body.company).toBe('株式会社 テスト');
    expect((await c.post(api.logout.path)).status).toBe(204);
    expect((await c.get(api.home.path)).status).toBe(401);
  });

  it('publishes the contract as OpenAPI', async () => {
    const res = await fetch(`${svc.url}/api/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain(api.login.path);
  });
});
