import { createPublicKey, verify } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attestationMessage } from '../../../src-shared/attestation.js';
import { readTerminalRecord } from '../../../src-main/core/terminal/terminal-record.js';
import { buildTestCore } from '../fakes/core-harness.js';
import { startFakeKioskService, type FakeKioskService } from '../fakes/fake-kiosk-service.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

let service: FakeKioskService;
beforeEach(async () => (service = await startFakeKioskService()));
afterEach(async () => service.close());

const MACHINE_ID_HASH = '0035969ec53f6e7f0fb40f08cc9ed4783aa99c2000cf1ebe4187c10dd0d8370f'; // sha256('3d1219c7c4c5404aaa1f6d2a48adfda4')

async function enrolled(osBacked = true) {
  const built = await buildTestCore({ serviceUrl: service.url, osBacked });
  const result = await built.core.dispatch('enroll', { serviceUrl: service.url, code: 'abcd-2345' });
  expect(result).toMatchObject({ ok: true, data: { terminalId: expect.stringMatching(/^t_/) } });
  return built;
}

describe('enrollment and attestation (R-KIOSK-2, R-OTP-7)', () => {
  it('R-KIOSK-2: enrollment sends an Ed25519 SPKI public key and the SHA-256 of the machine ID; the private key is kept encrypted', async () => {
    const { store } = await enrolled(true);
    const sent = service.requests.find((r) => r.path === api.kioskEnroll.path)!.body as Record<string, string>;
    expect(sent.code).toBe('abcd-2345');
    expect(sent.machineIdHash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      createPublicKey({ key: Buffer.from(sent.publicKey!, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType,
    ).toBe('ed25519');
    const record = readTerminalRecord(store)!;
    expect(record.key.kind).toBe('os');
    expect(JSON.stringify(record)).not.toContain('PRIVATE KEY');
  });

  it('R-KIOSK-2: without an OS-backed store (basic_text) the key goes to a 0600 file, and the screen and the log say so', async () => {
    const { store, core, log } = await enrolled(false);
    const record = readTerminalRecord(store)!;
    expect(record.key).toMatchObject({ kind: 'file', backend: 'basic_text' });
    const file = (record.key as { path: string }).path;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(await core.dispatch('status', undefined)).toMatchObject({
      ok: true,
      data: { enrolled: true, keyProtection: 'file', keyBackend: 'basic_text' },
    });
    expect(log.text()).toMatch(/no OS-backed secret store \(basic_text\).*0600/);
  });

  it("a wrong enrollment code stores nothing and shows the service's message", async () => {
    const { core, store } = await buildTestCore({ serviceUrl: service.url });
    expect(await core.dispatch('enroll', { serviceUrl: service.url, code: 'WRONG' })).toMatchObject({
      ok: false,
      error: { error: 'enrollment_code_invalid' },
    });
    expect(readTerminalRecord(store)).toBeUndefined();
  });

  it('an enrolled terminal cannot be re-enrolled from the screen (a visitor cannot point it elsewhere)', async () => {
    const { core } = await enrolled();
    service.codes.add('SECOND22');
    expect(await core.dispatch('enroll', { serviceUrl: service.url, code: 'SECOND22' })).toMatchObject({
      ok: false,
      error: { error: 'invalid_request' },
    });
  });

  it("R-KIOSK-2 / R-OTP-7: an attested login is authenticated without an OTP; the signature verifies over API.md's text", async () => {
    const { core } = await enrolled();
    const answer = await core.dispatch('login', { id: 'kiosk@example.jp', password: PASSWORD });
    expect(answer).toEqual({ ok: true, data: { status: 'authenticated' } });
    expect(service.otpsSent).toEqual([]);
    const login = service.requests.find((r) => r.path === api.login.path)!.body as {
      attestation: { terminalId: string; nonce: string; signature: string };
    };
    const terminal = service.terminals.get(login.attestation.terminalId)!;
    expect(terminal.machineIdHash).toBe(MACHINE_ID_HASH);
    const publicKey = createPublicKey({ key: Buffer.from(terminal.publicKey, 'base64'), format: 'der', type: 'spki' });
    // R-KIOSK-7: API.md's v2 text names the purpose and the login ID
    const text = `hw-kiosk-attest/v2\nlogin\n${login.attestation.terminalId}\n${MACHINE_ID_HASH}\n${login.attestation.nonce}\nkiosk@example.jp`;
    expect(
      attestationMessage(login.attestation.terminalId, MACHINE_ID_HASH, login.attestation.nonce, {
        purpose: 'login',
        loginId: 'kiosk@example.jp',
      }),
    ).toBe(text);
    expect(verify(null, Buffer.from(text), publicKey, Buffer.from(login.attestation.signature, 'base64'))).toBe(true);
    expect(verify(null, Buffer.from(`${text}x`), publicKey, Buffer.from(login.attestation.signature, 'base64'))).toBe(
      false,
    );
    // The screen gets screen data, the token stays in main.
    expect(JSON.stringify(answer)).not.toMatch(/token/i);
    expect(await core.dispatch('home', undefined)).toMatchObject({
      ok: true,
      data: { company: '株式会社 ハローワークア', newMessages: 100 },
    });
  });

  it('R-KIOSK-2: a revoked terminal falls back to the OTP step with the "could not verify" note; the OTP session then works', async () => {
    const { core, store } = await enrolled();
    service.revoke(readTerminalRecord(store)!.terminalId);
    expect(await core.dispatch('login', { id: 'kiosk@example.jp', password: PASSWORD })).toMatchObject({
      ok: true,
      data: { status: 'otp_required', attestationFailed: true },
    });
    expect(service.otpsSent).toHaveLength(1);
    expect(await core.dispatch('submitOtp', { otp: '123456', rememberDevice: false })).toEqual({
      ok: true,
      data: { status: 'authenticated' },
    });
    expect(await core.dispatch('home', undefined)).toMatchObject({
      ok: true,
      data: { office: '飯田橋公共職業安定所' },
    });
  });

  it('R-KIOSK-2: when the nonce cannot be had, the login goes on without attestation (OTP), never a lock-out', async () => {
    const { core, log } = await enrolled();
    service.breakNonces();
    expect(await core.dispatch('login', { id: 'kiosk@example.jp', password: PASSWORD })).toMatchObject({
      ok: true,
      data: { status: 'otp_required', attestationFailed: true },
    });
    const login = service.requests.find((r) => r.path === api.login.path)!.body as Record<string, unknown>;
    expect(login.attestation).toBeUndefined();
    expect(log.text()).toMatch(/attestation failed/);
  });

  it('R-KIOSK-3: logout ends the session at the service, so the old token is refused', async () => {
    const built = await enrolled();
    await built.core.dispatch('login', { id: 'kiosk@example.jp', password: PASSWORD });
    const credential = built.core.session.credential;
    expect(credential?.kind).toBe('bearer');
    await built.core.wipe('logout');
    expect(built.core.session.credential).toBeUndefined();
    expect(service.tokens.size).toBe(0);
    expect(await built.core.dispatch('home', undefined)).toMatchObject({
      ok: false,
      error: { error: 'unauthenticated' },
    });
  });

  it('the heartbeat is signed like a login; a revoked terminal logs its visitor out at the next beat', async () => {
    const built = await enrolled();
    await built.core.start();
    await built.core.dispatch('login', { id: 'kiosk@example.jp', password: PASSWORD });
    built.clock.advance(5 * 60_000);
    await expect.poll(() => service.requests.filter((r) => r.path === api.kioskHeartbeat.path).length).toBe(1);
    expect(built.core.session.credential).toBeDefined();
    service.revoke(readTerminalRecord(built.store)!.terminalId);
    built.clock.advance(5 * 60_000);
    await expect.poll(() => built.core.session.credential).toBeUndefined();
    built.core.stop();
  });

  it('a heartbeat the service cannot answer (5xx) is no verdict: the visitor stays signed in', async () => {
    const built = await enrolled();
    await built.core.start();
    await built.core.dispatch('login', { id: 'kiosk@example.jp', password: PASSWORD });
    service.breakNonces();
    built.clock.advance(5 * 60_000);
    await expect.poll(() => built.log.text()).toMatch(/heartbeat: the service is unreachable/);
    expect(built.core.session.credential).toBeDefined();
    built.core.stop();
  });
});
