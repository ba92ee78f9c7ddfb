import { DiagnosticsBundle } from '../../../src-shared/api/schemas.js';
import { redactDiagnostics } from '../../../src-shared/diagnostics-redaction.js';
import { R_DIAG_1_LOG_LINES, R_DIAG_1_MAX_BYTES } from '../../../src-shared/rules.js';
import type { KioskConfig } from '../config/kiosk-config.schema.js';
import type { WipeReport } from '../wipe/session-wiper.js';
import type { LogEntry } from './rotating-log.js';

type Wipe = DiagnosticsBundle['wipes'][number];
type Offline = DiagnosticsBundle['offline'][number];

const iso = (ms: number) => new Date(ms).toISOString();
const KEEP_WIPES = 10;
const KEEP_OFFLINE = 20;

/**
 * What the kiosk remembers for a diagnostics bundle (R-DIAG-1), in memory only: its last wipes
 * (reason, steps, leftovers — never whose) and when it could not reach the service.
 */
export function createDiagnosticsRecorder(clock: { now(): number }) {
  const wipes: Wipe[] = [];
  const offline: Offline[] = [];
  return {
    wiped(report: WipeReport): void {
      const { reason, steps, leftovers, restarted } = report;
      wipes.push({ at: iso(clock.now()), reason, steps, leftovers, restarted });
      wipes.splice(0, Math.max(0, wipes.length - KEEP_WIPES));
    },
    offlineChanged(isOffline: boolean): void {
      const last = offline.at(-1);
      if (isOffline && (!last || last.to !== null)) offline.push({ from: iso(clock.now()), to: null });
      else if (!isOffline && last && last.to === null) last.to = iso(clock.now());
      offline.splice(0, Math.max(0, offline.length - KEEP_OFFLINE));
    },
    snapshot: () => ({ wipes: wipes.map((w) => ({ ...w })), offline: offline.map((o) => ({ ...o })) }),
  };
}
export type DiagnosticsRecorder = ReturnType<typeof createDiagnosticsRecorder>;

export type BundleInput = {
  now: number;
  version: string;
  config: KioskConfig;
  fromPolicy: Iterable<string>;
  /** The log's last lines, oldest first (rotating-log.ts `tail`). */
  log: LogEntry[];
  recorded: ReturnType<DiagnosticsRecorder['snapshot']>;
};

/**
 * R-DIAG-1: the bundle's JSON text as the kiosk uploads and signs it — redacted (the service
 * redacts again), checked against the contract's shape, and at most 256 KiB: the oldest log lines
 * go first until it fits. Each line is redacted once. Undefined only if the rest of the bundle
 * does not fit the shape or the size (then nothing is sent rather than something unchecked).
 */
export function buildDiagnosticsBundle(input: BundleInput): string | undefined {
  const lineShape = DiagnosticsBundle.shape.log.element;
  // a line the shape refuses (none of ours should be) is left out
  let log = input.log.slice(-R_DIAG_1_LOG_LINES).flatMap((line) => {
    const r = lineShape.safeParse(redactDiagnostics(line));
    return r.success ? [r.data] : [];
  });
  const rest = DiagnosticsBundle.safeParse(
    redactDiagnostics({
      collectedAt: iso(input.now),
      version: input.version,
      policy: { ...input.config },
      fromPolicy: [...input.fromPolicy],
      log: [],
      wipes: input.recorded.wipes,
      offline: input.recorded.offline,
    }),
  );
  if (!rest.success) return undefined;
  for (;;) {
    const text = JSON.stringify({ ...rest.data, log });
    if (Buffer.byteLength(text, 'utf8') <= R_DIAG_1_MAX_BYTES) return text;
    if (log.length === 0) return undefined;
    log = log.slice(Math.max(1, Math.ceil(log.length / 10)));
  }
}
