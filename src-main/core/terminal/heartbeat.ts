import type { Clock, Logger } from '../ports.js';
import type { OfflineMonitor } from '../service/offline-monitor.js';
import type { ServiceClient } from '../service/service-client.js';
import { signAttestation, type Signer } from './attestation.js';

/**
 * `revoked`: the service refused this terminal (401 attestation_invalid); `update_required`: it
 * recorded the beat but refuses this build (403 kiosk_update_required, R-FLEET-1); `unreachable`: no verdict;
 * `diagnostics-requested`: accepted, and IT asked for the terminal's diagnostics (R-DIAG-1).
 */
export type HeartbeatOutcome = 'ok' | 'diagnostics-requested' | 'revoked' | 'update_required' | 'unreachable';

const verdict = (error: string): HeartbeatOutcome =>
  error === 'attestation_invalid' ? 'revoked' : error === 'kiosk_update_required' ? 'update_required' : 'unreachable';

/** A signed heartbeat (API.md): a nonce signed like a login, with the app version. */
export async function sendHeartbeat(
  client: ServiceClient,
  signer: Signer,
  version: string,
  paintedAt?: string,
  offlineMs?: number,
): Promise<HeartbeatOutcome> {
  const nonce = await client.call('kioskNonce', { body: { terminalId: signer.terminalId } });
  if (!nonce.ok) return verdict(nonce.error.error);
  const answer = await client.call('kioskHeartbeat', {
    body: {
      terminalId: signer.terminalId,
      version,
      nonce: nonce.data.nonce,
      signature: signAttestation(signer, nonce.data.nonce, { purpose: 'heartbeat' }),
      ...(paintedAt ? { paintedAt } : {}),
      ...(offlineMs ? { offlineMs } : {}),
    },
  });
  if (!answer.ok) return verdict(answer.error.error);
  return answer.data?.diagnosticsRequested ? 'diagnostics-requested' : 'ok';
}

/**
 * Every `everyMs`; a revoked terminal logs its visitor out at once (issue 5: next call). `beaten()`
 * resolves when the latest beat has settled (tests await it instead of waiting a while).
 */
export function startHeartbeat(opts: {
  clock: Clock;
  everyMs: number;
  beat: () => Promise<HeartbeatOutcome>;
  onRevoked: () => void;
  /** Every settled beat's outcome (R-FLEET-1: the update gate follows it). */
  onOutcome?: (outcome: HeartbeatOutcome) => void;
  log: Logger;
}): { stop(): void; beaten(): Promise<void> } {
  let latest: Promise<void> = Promise.resolve();
  const handle = opts.clock.setInterval(() => {
    latest = opts.beat().then(
      (outcome) => {
        opts.onOutcome?.(outcome);
        if (outcome === 'revoked') {
          opts.log.warn('heartbeat: the service no longer accepts this terminal');
          opts.onRevoked();
        } else if (outcome === 'unreachable') opts.log.warn('heartbeat: the service is unreachable');
      },
      (error: unknown) => opts.log.error('heartbeat failed', { error: String(error) }),
    );
  }, opts.everyMs);
  return { stop: () => opts.clock.clearInterval(handle), beaten: () => latest };
}

/**
 * The terminal's heartbeat: signed, with the paint probe's answer (issue 5: the window paints, not
 * only the process lives) and the time spent offline; a revoked terminal wipes its visitor.
 */
export function setupHeartbeat(deps: {
  clock: Clock;
  log: Logger;
  everyMs: number;
  version: string;
  client: () => ServiceClient | undefined;
  signer: () => Promise<Signer | undefined>;
  /** Does the page still paint? (a frame rendered within a few seconds) */
  probePaint: (() => Promise<boolean>) | undefined;
  offline: Pick<OfflineMonitor, 'pendingOfflineMs' | 'reported' | 'observe'>;
  onRevoked: () => void;
  onOutcome?: (outcome: HeartbeatOutcome) => void;
  /** R-DIAG-1: IT asked for the diagnostics: upload them (part of the beat, so `beaten()` includes it). */
  uploadDiagnostics?: (client: ServiceClient, signer: Signer) => Promise<void>;
}) {
  const { clock, offline } = deps;
  return startHeartbeat({
    clock,
    everyMs: deps.everyMs,
    log: deps.log,
    beat: async () => {
      const c = deps.client();
      const s = await deps.signer();
      if (!c || !s) return 'ok';
      const painted = deps.probePaint ? await deps.probePaint().catch(() => false) : false;
      const offlineMs = offline.pendingOfflineMs();
      const paintedAt = painted ? new Date(clock.now()).toISOString() : undefined;
      const outcome = await sendHeartbeat(c, s, deps.version, paintedAt, offlineMs);
      // An outdated build's beat is recorded too (R-FLEET-1): its offline time was reported.
      if (outcome === 'ok' || outcome === 'diagnostics-requested' || outcome === 'update_required')
        offline.reported(offlineMs);
      offline.observe(outcome === 'unreachable' ? 'network_error' : undefined);
      if (outcome === 'diagnostics-requested') await deps.uploadDiagnostics?.(c, s);
      return outcome;
    },
    onRevoked: deps.onRevoked,
    ...(deps.onOutcome ? { onOutcome: deps.onOutcome } : {}),
  });
}
