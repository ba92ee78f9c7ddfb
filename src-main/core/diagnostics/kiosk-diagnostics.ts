import { R_DIAG_1_LOG_LINES } from '../../../src-shared/rules.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Clock, Logger } from '../ports.js';
import type { ServiceClient } from '../service/service-client.js';
import type { Signer } from '../terminal/attestation.js';
import type { WipeReport } from '../wipe/session-wiper.js';
import { buildDiagnosticsBundle, createDiagnosticsRecorder } from './diagnostics-bundle.js';
import { uploadDiagnostics } from './diagnostics-upload.js';
import type { LogEntry } from './rotating-log.js';

/**
 * R-DIAG-1, the kiosk's side: it records its wipes and offline spells as they happen, and when a
 * heartbeat says IT asked, builds the bundle (its log's last lines, policy, version, those
 * records) and uploads it. Without a log (`logTail`) the bundle carries no lines.
 */
export function createKioskDiagnostics(deps: {
  clock: Clock;
  log: Logger;
  version: string;
  loaded: LoadedConfig;
  logTail?: (n: number) => LogEntry[];
  /** The service the terminal talks to now (enrolment may have set it after start-up). */
  serviceUrl?: () => string | undefined;
}) {
  const recorder = createDiagnosticsRecorder(deps.clock);
  return {
    /** After each wipe (passes the report on). */
    wiped: (report: WipeReport): WipeReport => {
      recorder.wiped(report);
      return report;
    },
    offlineChanged: (isOffline: boolean) => recorder.offlineChanged(isOffline),
    /** The heartbeat's answer asked for them. */
    upload: async (client: ServiceClient, signer: Signer): Promise<void> => {
      const bundle = buildDiagnosticsBundle({
        now: deps.clock.now(),
        version: deps.version,
        config: { ...deps.loaded.config, serviceUrl: deps.serviceUrl?.() ?? deps.loaded.config.serviceUrl },
        fromPolicy: deps.loaded.fromPolicy,
        log: deps.logTail?.(R_DIAG_1_LOG_LINES) ?? [],
        recorded: recorder.snapshot(),
      });
      if (!bundle) return deps.log.error('diagnostics: no bundle could be built');
      const outcome = await uploadDiagnostics(client, signer, bundle).catch((error: unknown) => String(error));
      if (outcome === 'uploaded') deps.log.info('diagnostics: uploaded', { bytes: Buffer.byteLength(bundle) });
      else deps.log.warn('diagnostics: upload failed', { error: outcome });
    },
  };
}
