import { createHash } from 'node:crypto';
import type { ServiceClient } from '../service/service-client.js';
import { signAttestation, type Signer } from '../terminal/attestation.js';

/**
 * R-DIAG-1: the bundle IT asked for, uploaded once: a fresh nonce, signed with the terminal key
 * for purpose `diagnostics` over the SHA-256 of the exact text sent. Answers `uploaded` or the
 * service's (or the way's) error code; never throws.
 */
export async function uploadDiagnostics(client: ServiceClient, signer: Signer, bundle: string): Promise<string> {
  const nonce = await client.call('kioskNonce', { body: { terminalId: signer.terminalId } });
  if (!nonce.ok) return nonce.error.error;
  const bundleSha256 = createHash('sha256').update(bundle, 'utf8').digest('hex');
  const signature = signAttestation(signer, nonce.data.nonce, { purpose: 'diagnostics', bundleSha256 });
  const answer = await client.call('kioskDiagnostics', {
    body: { terminalId: signer.terminalId, nonce: nonce.data.nonce, signature, bundle },
  });
  return answer.ok ? 'uploaded' : answer.error.error;
}
