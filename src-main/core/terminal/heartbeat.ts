import type { Clock, Logger } from '../ports.js';
import type { ServiceClient } from '../service/service-client.js';
import { signAttestation, type Signer } from './attestation.js';

/** `revoked`: the service refused this terminal (401 attestation_invalid); `unreachable`: no verdict. */
export type HeartbeatOutcome = 'ok' | 'revoked' | 'unreachable';

const verdict = (error: string): HeartbeatOutcome => (error === 'attestation_invalid' ? 'revoked' : 'unreachable');

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
  return answer.ok ? 'ok' : verdict(answer.error.error);
}

/** Every `everyMs`; a revoked terminal logs its visitor out at once (issue 5: next call). */
export function startHeartbeat(opts: {
  clock: Clock;
  everyMs: number;
  beat: () => Promise<HeartbeatOutcome>;
  onRevoked: () => void;
  log: Logger;
}): () => void {
  const handle = opts.clock.setInterval(() => {
    opts.beat().then(
      (outcome) => {
        if (outcome === 'revoked') {
          opts.log.warn('heartbeat: the service no longer accepts this terminal');
          opts.onRevoked();
        } else if (outcome === 'unreachable') opts.log.warn('heartbeat: the service is unreachable');
      },
      (error: unknown) => opts.log.error('heartbeat failed', { error: String(error) }),
    );
  }, opts.everyMs);
  return () => opts.clock.clearInterval(handle);
}
