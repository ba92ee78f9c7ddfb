import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KioskEvent } from '../../../src-shared/kiosk-bridge.js';
import { createKioskCore, type KioskCoreDeps } from '../../../src-main/core/kiosk-core.js';
import { loadKioskConfig } from '../../../src-main/core/config/load-config.js';
import { MemorySettingsStore } from '../../../src-main/core/ports.js';
import type { SessionWiper } from '../../../src-main/core/wipe/session-wiper.js';
import { fakeSecretBox, recordingLogger, recordingWiper } from './fake-ports.js';
import { ManualClock } from './manual-clock.js';

/** A kiosk core on fakes (clock, secret box, wiper), pointed at `serviceUrl` by its settings. */
export async function buildTestCore(opts: {
  serviceUrl: string;
  osBacked?: boolean;
  settings?: Record<string, unknown>;
  machineId?: string;
  probePaint?: () => Promise<boolean>;
  touchScreen?: () => boolean;
  /** instead of the recording wiper (whose steps settle at once) */
  wiper?: SessionWiper;
  /** the log's last lines for a diagnostics bundle (R-DIAG-1) */
  logTail?: KioskCoreDeps['logTail'];
}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-core-'));
  const store = new MemorySettingsStore({ serviceUrl: opts.serviceUrl, ...opts.settings });
  const loaded = await loadKioskConfig({ store, policyPath: path.join(dir, 'no-policy.json') });
  const clock = new ManualClock();
  const log = recordingLogger();
  const wiper = recordingWiper();
  const events: KioskEvent[] = [];
  let quits = 0;
  const core = createKioskCore({
    loaded,
    store,
    box: fakeSecretBox(opts.osBacked ?? true),
    machineId: async () => opts.machineId ?? '3d1219c7c4c5404aaa1f6d2a48adfda4',
    keyFile: path.join(dir, 'terminal-key.pem'),
    clock,
    log: log.logger,
    wiper: opts.wiper ?? wiper.wiper,
    emit: (e) => void events.push(e),
    quit: () => void (quits += 1),
    version: '0.1.0-test',
    ...(opts.probePaint ? { probePaint: opts.probePaint } : {}),
    ...(opts.touchScreen ? { touchScreen: opts.touchScreen } : {}),
    ...(opts.logTail ? { logTail: opts.logTail } : {}),
  });
  return { core, store, clock, log, wiper, events, dir, quits: () => quits };
}
