import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { revokeTerminal } from '../../../src-server/kiosk/fleet.service.js';
import { createRetentionSweep } from '../../../src-server/ops/retention.js';
import { loadConfig } from '../../../src-server/config.js';
import { api } from '../../../src-shared/api/routes.js';
import { R_DIAG_1_KEEP_MS, R_DIAG_1_MAX_BYTES } from '../../../src-shared/rules.js';
import { fillPath } from '../../../src-shared/host-calls.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signInStaff, type StaffSession } from '../../support/staff.js';
import { auditRows } from '../staff-desk/desk-helpers.js';
import { enrollKiosk, fetchNonce, signFor, type FakeKiosk } from './kiosk-helpers.js';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const at = '2026-12-08T01:00:00.000Z';
const bundleText = (extra: { msg?: string; version?: string; pad?: number } = {}) =>
  JSON.stringify({
    collectedAt: at,
    version: extra.version ?? '1.4.0',
    policy: { idleTimeoutSeconds: 120, adminPinHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==' },
    fromPolicy: ['idleTimeoutSeconds'],
    log: [
      { at, level: 'info', msg: extra.msg ?? 'wipe: done', data: { reason: 'idle', password: 'hunter2' } },
      ...(extra.pad ? [{ at, level: 'info', msg: 'p'.repeat(extra.pad) }] : []),
    ],
    wipes: [{ at, reason: 'idle', steps: ['logout', 'verify'], leftovers: [], restarted: false }],
    offline: [{ from: at, to: null }],
  });

describeEachDatabase(
  "R-DIAG-1: a terminal's diagnostics, only on request (src-server/kiosk/diagnostics.service.ts)",
  (database) => {
    let svc: TestService;
    let it_: StaffSession;
    let office: StaffSession;
    beforeAll(async () => {
      svc = await startTestService({ database, staff: true });
      it_ = await signInStaff(svc, { role: 'it', name: '情報 太郎' });
      office = await signInStaff(svc, { role: 'office', name: '窓口 花子' });
    });
    afterAll(() => svc.close());

    const request = async (k: FakeKiosk) => {
      const stepUp = await it_.stepUp({ action: 'request_diagnostics', target: k.terminalId });
      return it_.client.post(fillPath(staffApi.kioskDiagnosticsRequest.path, { id: k.terminalId }), { stepUp });
    };
    const read = (k: FakeKiosk, who = it_) =>
      who.client.get<{ requestedAt: string | null; bundles: Array<{ bundle: { version: string; log: unknown[] } }> }>(
        fillPath(staffApi.kioskDiagnostics.path, { id: k.terminalId }),
      );
    const heartbeat = async (k: FakeKiosk) => {
      const nonce = await fetchNonce(svc, k.terminalId);
      const signature = signFor(k, nonce, { purpose: 'heartbeat' });
      return createClient(svc.url).post(api.kioskHeartbeat.path, {
        terminalId: k.terminalId,
        version: '1.4.0',
        nonce,
        signature,
      });
    };
    const signedUpload = async (
      k: FakeKiosk,
      bundle: string,
      sign: (nonce: string) => string = (n) => signFor(k, n, { purpose: 'diagnostics', bundleSha256: sha(bundle) }),
    ) => {
      const nonce = await fetchNonce(svc, k.terminalId);
      const body = { terminalId: k.terminalId, nonce, signature: sign(nonce), bundle };
      return { body, answer: await createClient(svc.url).post(api.kioskDiagnostics.path, body) };
    };
    const rows = (k: FakeKiosk) =>
      svc.db.selectFrom('kiosk_diagnostics').selectAll().where('terminal_id', '=', k.terminalId).execute();

    it('R-DIAG-1: heartbeats answer 204 until IT asks (passkey again, audited), then 200 {diagnosticsRequested: true}', async () => {
      const k = await enrollKiosk(svc);
      expect((await heartbeat(k)).status).toBe(204);
      expect(
        (await it_.client.post(fillPath(staffApi.kioskDiagnosticsRequest.path, { id: k.terminalId }), {})).body,
      ).toMatchObject({ error: 'step_up_required' });
      expect((await office.client.get(fillPath(staffApi.kioskDiagnostics.path, { id: k.terminalId }))).status).toBe(
        403,
      );
      expect((await heartbeat(k)).status).toBe(204);

      expect((await request(k)).status).toBe(204);
      expect((await request(k)).status).toBe(204); // asking again is the same request
      expect(await rows(k)).toHaveLength(1);
      const hb = await heartbeat(k);
      expect([hb.status, hb.body]).toEqual([200, { diagnosticsRequested: true }]);
      expect((await read(k)).body).toMatchObject({ requestedAt: svc.clock.now().toISOString(), bundles: [] });
      expect(
        (await auditRows(svc, 'staff.kiosk_diagnostics_requested')).filter((a) => a.detail.terminalId === k.terminalId),
      ).toHaveLength(2);
    });

    it('R-DIAG-1: an upload nobody asked for is refused 409 diagnostics_not_requested, and nothing is stored', async () => {
      const k = await enrollKiosk(svc);
      const { answer } = await signedUpload(k, bundleText());
      expect([answer.status, answer.body]).toEqual([
        409,
        expect.objectContaining({ error: 'diagnostics_not_requested' }),
      ]);
      expect(await rows(k)).toEqual([]);
    });

    it('R-DIAG-1: signed: another key, another bundle than signed, or a replay is refused 401', async () => {
      const k = await enrollKiosk(svc);
      const other = await enrollKiosk(svc);
      await request(k);
      const text = bundleText();
      const forged = await signedUpload(k, text, (n) =>
        signFor(other, n, { purpose: 'diagnostics', bundleSha256: sha(text) }),
      );
      expect(forged.answer.body).toMatchObject({ error: 'attestation_invalid' });
      const swapped = await signedUpload(k, bundleText({ msg: 'not what was signed' }), (n) =>
        signFor(k, n, { purpose: 'diagnostics', bundleSha256: sha(text) }),
      );
      expect(swapped.answer.status).toBe(401);
      const asHeartbeat = await signedUpload(k, text, (n) => signFor(k, n, { purpose: 'heartbeat' }));
      expect(asHeartbeat.answer.status).toBe(401);
      expect((await rows(k))[0]?.uploaded_at).toBeNull();

      const good = await signedUpload(k, text);
      expect(good.answer.status).toBe(204);
      const replay = await createClient(svc.url).post(api.kioskDiagnostics.path, good.body);
      expect(replay.body).toMatchObject({ error: 'attestation_invalid' });
      // (one frozen clock: the rows' order within a millisecond is the database's)
      expect(
        (await auditRows(svc, 'kiosk.diagnostics_refused'))
          .filter((a) => a.detail.terminalId === k.terminalId)
          .map((a) => a.detail.reason)
          .sort(),
      ).toEqual(['bad_signature', 'bad_signature', 'bad_signature', 'nonce_invalid']);
    });

    it('R-DIAG-1: bounded (over 256 KiB is refused 413) and redacted again by the service before it is stored', async () => {
      const k = await enrollKiosk(svc);
      await request(k);
      const big = await signedUpload(k, bundleText({ pad: R_DIAG_1_MAX_BYTES }));
      expect(big.answer.status).toBe(413);
      const { answer } = await signedUpload(
        k,
        bundleText({ msg: 'ID kiosk-visitor@example.jp typed otp 482913, Cookie: session=abc' }),
      );
      expect(answer.status).toBe(204);
      const [row] = await rows(k);
      expect(row?.bundle).toBeTruthy();
      expect(row!.bundle).not.toMatch(/kiosk-visitor@example\.jp|482913|session=abc|hunter2|c2FsdA==/);
      expect(Number(row!.bytes)).toBe(Buffer.byteLength(row!.bundle!, 'utf8'));
      const shown = (await read(k)).body;
      expect(shown.requestedAt).toBeNull();
      expect(shown.bundles).toHaveLength(1);
      expect(JSON.stringify(shown)).not.toMatch(/kiosk-visitor@example\.jp|482913|hunter2/);
      expect(
        (await auditRows(svc, 'kiosk.diagnostics_uploaded')).filter((a) => a.detail.terminalId === k.terminalId),
      ).toEqual([expect.objectContaining({ detail: { terminalId: k.terminalId, bytes: Number(row!.bytes) } })]);
    });

    it('R-DIAG-1: at most 3 per terminal (the newest), each kept 14 days, then swept by the retention', async () => {
      const k = await enrollKiosk(svc);
      for (const version of ['1.0.1', '1.0.2', '1.0.3', '1.0.4']) {
        await request(k);
        expect((await signedUpload(k, bundleText({ version }))).answer.status).toBe(204);
        svc.clock.advance(60_000);
      }
      expect((await rows(k)).map((r) => r.version).sort()).toEqual(['1.0.2', '1.0.3', '1.0.4']);
      expect((await read(k)).body.bundles.map((b) => b.bundle.version)).toEqual(['1.0.4', '1.0.3', '1.0.2']);

      svc.clock.advance(R_DIAG_1_KEEP_MS - 2 * 60_000);
      it_ = await signInStaff(svc, { role: 'it' }); // (the last sign-in ended long ago)
      expect((await read(k)).body.bundles.map((b) => b.bundle.version)).toEqual(['1.0.4']);
      svc.clock.advance(60_000);
      expect((await read(k)).body.bundles).toEqual([]);
      const sweep = createRetentionSweep({ db: svc.db, dialect: database, clock: svc.clock, config: loadConfig({}) });
      const report = await sweep.runOnce();
      expect(report).toMatchObject({
        status: 'swept',
        deleted: expect.objectContaining({ kiosk_diagnostics: expect.any(Number) }),
      });
      expect(await rows(k)).toEqual([]);
    });

    it('R-DIAG-1: a request for an unknown or revoked terminal is 404; a request not answered in 14 days lapses', async () => {
      it_ = await signInStaff(svc, { role: 'it' });
      const unknown = { terminalId: 'no-such-terminal' } as FakeKiosk;
      expect((await request(unknown)).status).toBe(404);
      expect((await read(unknown)).status).toBe(404);
      const revoked = await enrollKiosk(svc);
      await revokeTerminal(svc.db, svc.clock, revoked.terminalId);
      expect((await request(revoked)).status).toBe(404);
      const k = await enrollKiosk(svc);
      await request(k);
      svc.clock.advance(R_DIAG_1_KEEP_MS);
      expect((await heartbeat(k)).status).toBe(204);
      expect((await signedUpload(k, bundleText())).answer.status).toBe(409);
    });
  },
);
