import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import { R_LOGIN_3_MAX_FAILED_PASSWORDS } from '../../../src-shared/rules.js';
import { withdrawAccount } from '../../../src-server/accounts/accounts.service.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import type { AttestationVerifier } from '../../../src-server/login/attestation-verifier.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient, type TestClient } from '../../support/http-client.js';
import { PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signIn } from '../../support/sign-in.js';

// Every way a login ends well forgets the failures before it: four wrong, the right one, then
// four wrong again must not lock (five in a row would).
const ALMOST = R_LOGIN_3_MAX_FAILED_PASSWORDS - 1;
const WRONG = 'Wr0ng-passw0rd!';
const attests: AttestationVerifier = { verify: async () => ({ ok: true, terminalId: 'T-CLEAR' }) };
const attestation = { terminalId: 'T-CLEAR', nonce: 'n', signature: 'AA==' };

describeEachDatabase('R-LOGIN-3: the failure count is cleared on every path that ends a login well', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, attestationVerifier: attests });
  });
  afterAll(() => svc.close());

  const failures = async (id: string) =>
    (await svc.db.selectFrom('login_failures').select('failures').where('login_id', '=', id).execute()).map(
      (r) => r.failures,
    );
  async function wrongTimes(client: TestClient, path: string, body: Record<string, unknown>): Promise<void> {
    for (let i = 0; i < ALMOST; i++)
      expect((await client.post(path, { ...body, password: WRONG })).body).toMatchObject({
        error: 'invalid_credentials',
      });
  }

  it('R-LOGIN-3: a withdrawn account — the right password on login (403 withdrawn) and on the re-registration request (202) each forget the failures before it', async () => {
    const id = 'clear-withdrawn@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const account = (await findAccountByLoginId(svc.db, id))!;
    await svc.db.transaction().execute((trx) => withdrawAccount(trx, svc.clock, account.id));
    const c = createClient(svc.url);

    await wrongTimes(c, api.login.path, { id });
    expect(await failures(id)).toEqual([ALMOST]);
    expect((await c.post(api.login.path, { id, password: PASSWORD })).body).toMatchObject({
      error: 'withdrawn',
      reregistrable: true,
    });
    expect(await failures(id)).toEqual([]);

    await wrongTimes(c, api.reregistration.path, { id });
    expect((await c.post(api.reregistration.path, { id, password: PASSWORD })).status).toBe(202);
    expect(await failures(id)).toEqual([]);

    await wrongTimes(c, api.login.path, { id });
    expect((await c.post(api.login.path, { id, password: PASSWORD })).body).toMatchObject({ error: 'withdrawn' }); // not 423 locked
  });

  it("R-LOGIN-3, R-OTP-3: on a browser that skips the OTP, the right password signs in at once and forgets that browser's failures", async () => {
    const id = 'clear-trusted@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const browser = createClient(svc.url);
    await signIn(svc, browser, id, PASSWORD, { rememberDevice: true });
    expect((await browser.post(api.logout.path)).status).toBe(204);

    for (let round = 0; round < 2; round++) {
      await wrongTimes(browser, api.login.path, { id });
      expect(await failures(id)).toEqual([ALMOST]);
      const ok = await browser.post(api.login.path, { id, password: PASSWORD });
      expect(ok.body).toMatchObject({ status: 'authenticated', kind: 'web' }); // no OTP, and not 423 locked in the second round
      expect(await failures(id)).toEqual([]);
      expect((await browser.post(api.logout.path)).status).toBe(204);
    }
  });

  it("R-LOGIN-3, R-OTP-7: on an attested kiosk, the right password opens the kiosk session and forgets the terminal's failures", async () => {
    const id = 'clear-kiosk@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const kiosk = createClient(svc.url);

    for (let round = 0; round < 2; round++) {
      await wrongTimes(kiosk, api.login.path, { id, attestation });
      expect(await failures(id)).toEqual([ALMOST]);
      const ok = await kiosk.post<{ token?: string }>(api.login.path, { id, password: PASSWORD, attestation });
      expect(ok.body).toMatchObject({ status: 'authenticated', kind: 'kiosk' });
      expect(ok.body.token).toEqual(expect.any(String));
      expect(await failures(id)).toEqual([]);
    }
  });
});
