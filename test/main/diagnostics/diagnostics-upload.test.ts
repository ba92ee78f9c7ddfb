import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildDiagnosticsBundle,
  createDiagnosticsRecorder,
} from '../../../src-main/core/diagnostics/diagnostics-bundle.js';
import { createRotatingLog, nodeLogFs } from '../../../src-main/core/diagnostics/rotating-log.js';
import { defaultSettings } from '../../../src-main/core/config/kiosk-config.schema.js';
import { readTerminalRecord } from '../../../src-main/core/terminal/terminal-record.js';
import { insertDiagnosticsRequest } from '../../../src-server/kiosk/diagnostics.repository.js';
import { issueEnrollmentCode } from '../../../src-server/kiosk/enrollment.service.js';
import { DiagnosticsBundle } from '../../../src-shared/api/schemas.js';
import { R_DIAG_1_KEEP_MS, R_DIAG_1_MAX_BYTES } from '../../../src-shared/rules.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { buildTestCore } from '../fakes/core-harness.js';
import { ManualClock } from '../fakes/manual-clock.js';

const HEARTBEAT_MS = 5 * 60_000;
let service: TestService;
beforeEach(async () => (service = await startTestService({ database: 'sqlite', smtp: false })));
afterEach(async () => service.close());

async function enrolledCore() {
  const log = createRotatingLog({
    fs: nodeLogFs,
    dir: path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-diag-')), 'logs'),
    clock: new ManualClock(),
  });
  const built = await buildTestCore({ serviceUrl: service.url, logTail: (n) => log.tail(n) });
  const { code } = await issueEnrollmentCode(service.db, service.clock, {
    office: '飯田橋公共職業安定所',
    label: 'diag',
  });
  expect(await built.core.dispatch('enroll', { serviceUrl: service.url, code })).toMatchObject({ ok: true });
  return { ...built, fileLog: log, terminalId: readTerminalRecord(built.store)!.terminalId };
}

const rows = () => service.db.selectFrom('kiosk_diagnostics').selectAll().execute();

describe('R-DIAG-1: the kiosk uploads its diagnostics when a heartbeat says IT asked (real service)', () => {
  it('R-DIAG-1: no request, no upload; after a request the next heartbeat uploads a signed, redacted bundle', async () => {
    const k = await enrolledCore();
    k.fileLog.info('wipe: done', { reason: 'idle' });
    k.fileLog.warn('login refused for kiosk-visitor@example.jp otp 482913', { password: 'Hello-Work2026!' });
    await k.core.start();
    k.clock.advance(HEARTBEAT_MS);
    await k.core.heartbeat.beaten();
    expect(await rows()).toEqual([]);

    const now = service.clock.now().getTime();
    await insertDiagnosticsRequest(service.db, {
      id: 'req-1',
      terminalId: k.terminalId,
      requestedBy: 'it-staff',
      now,
      keptUntil: now + R_DIAG_1_KEEP_MS,
    });
    k.clock.advance(HEARTBEAT_MS);
    await k.core.heartbeat.beaten();
    const [row] = await rows();
    expect(row).toMatchObject({ terminal_id: k.terminalId, version: '0.1.0-test' });
    expect(row?.uploaded_at).not.toBeNull();
    const bundle = DiagnosticsBundle.parse(JSON.parse(row!.bundle!));
    expect(bundle.log.map((l) => l.msg)).toContain('wipe: done');
    expect(bundle.wipes.map((w) => w.reason)).toContain('start-up');
    expect(bundle.policy).toMatchObject({ serviceUrl: service.url, idleTimeoutSeconds: 120 });
    expect(row!.bundle).not.toMatch(/kiosk-visitor@example\.jp|482913|Hello-Work2026!/);
    expect(k.log.text()).toMatch(/diagnostics: uploaded/);

    // answered: the next heartbeat asks for nothing, and nothing more is sent
    k.clock.advance(HEARTBEAT_MS);
    await k.core.heartbeat.beaten();
    expect(await rows()).toHaveLength(1);
    k.core.stop();
  });

  it('R-DIAG-1: the bundle is bounded: at most 256 KiB, the oldest log lines dropped first', () => {
    const clock = new ManualClock();
    const log = Array.from({ length: 400 }, (_, i) => ({
      at: new Date(clock.now()).toISOString(),
      level: 'info' as const,
      msg: `line ${i} ${'y'.repeat(3_000)}`,
    }));
    const recorder = createDiagnosticsRecorder(clock);
    recorder.offlineChanged(true);
    const text = buildDiagnosticsBundle({
      now: clock.now(),
      version: '1.0.0',
      config: { ...defaultSettings, serviceUrl: 'https://mypage.example.jp' },
      fromPolicy: ['serviceUrl'],
      log,
      recorded: recorder.snapshot(),
    });
    expect(Buffer.byteLength(text!, 'utf8')).toBeLessThanOrEqual(R_DIAG_1_MAX_BYTES);
    const bundle = DiagnosticsBundle.parse(JSON.parse(text!));
    expect(bundle.log.at(-1)?.msg).toMatch(/^line 399 /);
    expect(bundle.log.length).toBeLessThan(400);
    expect(bundle.offline).toEqual([{ from: new Date(clock.now()).toISOString(), to: null }]);
  });
});
