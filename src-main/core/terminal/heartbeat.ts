import type { Clock, Logger } from '../ports.js';
import type { ServiceClient } from '../service/service-client.js';
import { signAttestation, type Signer } from './attestation.js';

export type HeartbeatOutcome = 'ok' | 'revoked' | 'unreachable';

/** A signed heartbeat (API.md): a nonce signed like a login, with the app version. */
export async function sendHeartbeat(client: ServiceClient, signer: Signer, version: string, paintedAt?: string): Promise<HeartbeatOutcome> {
  const nonce = await client.call('kioskNonce', { body: { terminalId: signer.terminalId } });
  if (!nonce.ok) return nonce.error.error === 'network_error' ? 'unreachable' : 'revoked';
  const answer = await client.call('kioskHeartbeat', {
    body: { terminalId: signer.terminalId, version, nonce: nonce.data.nonce, signature: signAttestation(signer, nonce.data.nonce), ...(paintedAt ? { paintedAt } : {}) },
  });
  if (answer.ok) return 'ok';
  return answer.error.error === 'network_error' || answer.error.error === 'internal_error' ? 'unreachable' : 'revoked';
}

/** Every `everyMs`; a revoked terminal logs its visitor out at once (issue 5: next call). */
export function startHeartbeat(opts: { clock: Clock; everyMs: number; beat: () => Promise<HeartbeatOutcome>; onRevoked: () => void; log: Logger }): () => void {
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
