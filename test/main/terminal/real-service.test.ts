import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { R_KIOSK_4_SESSION_IDLE_MS } from '../../../src-shared/rules.js';
import { issueEnrollmentCode } from '../../../src-server/kiosk/enrollment.service.js';
import { revokeTerminal } from '../../../src-server/kiosk/fleet.service.js';
import { readTerminalRecord } from '../../../src-main/core/terminal/terminal-record.js';
import { sendHeartbeat } from '../../../src-main/core/terminal/heartbeat.js';
import { loadPrivateKey } from '../../../src-main/core/terminal/terminal-record.js';
import { createServiceClient } from '../../../src-main/core/service/service-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { buildTestCore } from '../fakes/core-harness.js';
import { fakeSecretBox } from '../fakes/fake-ports.js';
import { PASSWORD } from '../../support/passwords.js';

const ID = 'kiosk-visitor@example.jp';
let service: TestService;
beforeEach(async () => {
  service = await startTestService({ database: 'sqlite', smtp: false });
  await service.createEmployer({
    id: ID,
    password: PASSWORD,
    company: '株式会社 ハローワークア',
    office: '飯田橋公共職業安定所',
  });
});
afterEach(async () => service.close());

async function enrolledCore() {
  const built = await buildTestCore({ serviceUrl: service.url });
  const { code } = await issueEnrollmentCode(service.db, service.clock, {
    office: '飯田橋公共職業安定所',
    label: 'vitest',
  });
  expect(await built.core.dispatch('enroll', { serviceUrl: service.url, code })).toMatchObject({ ok: true });
  return built;
}

describe('the kiosk core against the real service (src-server/kiosk)', () => {
  it("R-KIOSK-2 / R-OTP-7: the service verifies the enrolled key's signature and opens a kiosk session without an OTP", async () => {
    const { core, store } = await enrolledCore();
    const terminal = await service.db.selectFrom('kiosk_terminals').selectAll().executeTakeFirstOrThrow();
    expect(terminal.id).toBe(readTerminalRecord(store)!.terminalId);
    expect(terminal.public_key).toBe(readTerminalRecord(store)!.publicKey);
    expect(await core.dispatch('login', { id: ID, password: PASSWORD })).toEqual({
      ok: true,
      data: { status: 'authenticated' },
    });
    expect(await service.db.selectFrom('login_challenges').selectAll().execute()).toEqual([]);
    const sessions = await service.db.selectFrom('sessions').select(['kind']).execute();
    expect(sessions).toEqual([{ kind: 'kiosk' }]);
    expect(await core.dispatch('home', undefined)).toMatchObject({
      ok: true,
      data: { company: '株式会社 ハローワークア' },
    });
  });

  it('R-KIOSK-2: a revoked terminal gets the OTP step; the OTP then opens a session with no device trust (R-KIOSK-3)', async () => {
    const { core, store } = await enrolledCore();
    await revokeTerminal(service.db, service.clock, readTerminalRecord(store)!.terminalId);
    expect(await core.dispatch('login', { id: ID, password: PASSWORD })).toMatchObject({
      ok: true,
      data: { status: 'otp_required', attestationFailed: true },
    });
    const otp = await service.mail.latestCode(ID, 'ワンタイムパスワード通知');
    expect(await core.dispatch('submitOtp', { otp, rememberDevice: false })).toEqual({
      ok: true,
      data: { status: 'authenticated' },
    });
    expect(await core.dispatch('home', undefined)).toMatchObject({ ok: true });
    expect(await service.db.selectFrom('device_trusts').selectAll().execute()).toEqual([]);
  });

  it('R-KIOSK-4: the wipe ends the session at the service: the old token is refused afterwards', async () => {
    const { core } = await enrolledCore();
    await core.dispatch('login', { id: ID, password: PASSWORD });
    const credential = core.session.credential!;
    const report = await core.wipe('idle');
    expect(report.steps[0]).toBe('logout');
    const client = createServiceClient(service.url);
    expect(await client.call('home', { credential })).toMatchObject({ ok: false, error: { error: 'unauthenticated' } });
  });

  it("R-KIOSK-4: 「延長する」 (extendSession) restarts the kiosk's idle clock and the session's idle time at the service", async () => {
    const { core, clock } = await enrolledCore();
    // Nobody signed in: only the idle clock starts again (there is no session to extend).
    expect(await core.dispatch('extendSession', undefined)).toEqual({ ok: true, data: undefined });
    expect(core.idle.state).toEqual({ phase: 'active', lastInputAt: clock.now() });
    await core.dispatch('login', { id: ID, password: PASSWORD });
    service.clock.advance(R_KIOSK_4_SESSION_IDLE_MS - 1000);
    clock.advance(60_000);
    expect(await core.dispatch('extendSession', undefined)).toEqual({ ok: true, data: undefined });
    expect(core.idle.state).toEqual({ phase: 'active', lastInputAt: clock.now() });
    service.clock.advance(R_KIOSK_4_SESSION_IDLE_MS - 1000);
    expect(await core.dispatch('home', undefined)).toMatchObject({ ok: true });
    // A session the service has ended cannot be extended: the kiosk forgets its credential.
    service.clock.advance(R_KIOSK_4_SESSION_IDLE_MS);
    expect(await core.dispatch('extendSession', undefined)).toMatchObject({
      ok: false,
      error: { error: 'unauthenticated' },
    });
    expect(core.session.credential).toBeUndefined();
  });

  it('the signed heartbeat is accepted by the service, and refused once the terminal is revoked', async () => {
    const { store } = await enrolledCore();
    const record = readTerminalRecord(store)!;
    const signer = {
      terminalId: record.terminalId,
      machineIdHash: record.machineIdHash,
      privateKey: await loadPrivateKey(record.key, fakeSecretBox(true)),
    };
    const client = createServiceClient(service.url);
    expect(await sendHeartbeat(client, signer, '0.1.0-test')).toBe('ok');
    const seen = await service.db
      .selectFrom('kiosk_terminals')
      .select(['version', 'last_seen_at'])
      .executeTakeFirstOrThrow();
    expect(seen.version).toBe('0.1.0-test');
    expect(seen.last_seen_at).not.toBeNull();
    await revokeTerminal(service.db, service.clock, record.terminalId);
    expect(await sendHeartbeat(client, signer, '0.1.0-test')).toBe('revoked');
  });
});

describe('the heartbeat proves the window paints (issue 5)', () => {
  it('a beat after a painted frame records painted_at; a page that does not paint leaves it alone', async () => {
    let paints = false;
    const built = await buildTestCore({ serviceUrl: service.url, probePaint: async () => paints });
    const { code } = await issueEnrollmentCode(service.db, service.clock, {
      office: '飯田橋公共職業安定所',
      label: 'vitest',
    });
    await built.core.dispatch('enroll', { serviceUrl: service.url, code });
    await built.core.start();
    const row = () =>
      service.db.selectFrom('kiosk_terminals').select(['painted_at', 'last_seen_at']).executeTakeFirstOrThrow();

    built.clock.advance(5 * 60_000);
    await expect.poll(async () => (await row()).last_seen_at).not.toBeNull();
    expect((await row()).painted_at).toBeNull();

    paints = true;
    built.clock.advance(5 * 60_000);
    await expect.poll(async () => (await row()).painted_at).toBe(built.clock.now());
    built.core.stop();
  });
});
