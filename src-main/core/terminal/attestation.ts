import { sign, type KeyObject } from 'node:crypto';
import { attestationMessage } from '../../../src-shared/attestation.js';
import type { Attestation } from '../../../src-shared/api/schemas.js';
import type { ServiceClient } from '../service/service-client.js';

export type Signer = { terminalId: string; machineIdHash: string; privateKey: KeyObject };

/** The Ed25519 signature (base64) over API.md's text; the service builds the same text. */
export function signAttestation(signer: Signer, nonce: string): string {
  const message = Buffer.from(attestationMessage(signer.terminalId, signer.machineIdHash, nonce), 'utf8');
  return sign(null, message, signer.privateKey).toString('base64');
}

export type AttestOutcome = { ok: true; attestation: Attestation } | { ok: false; reason: string };

/**
 * R-KIOSK-2 step 3: a fresh single-use nonce, signed. Any failure is an outcome, never a throw:
 * the login then goes on without attestation, i.e. with the OTP step.
 */
export async function attest(client: ServiceClient, signer: Signer): Promise<AttestOutcome> {
  try {
    const answer = await client.call('kioskNonce', { body: { terminalId: signer.terminalId } });
    if (!answer.ok) return { ok: false, reason: `nonce refused: ${answer.error.error}` };
    const signature = signAttestation(signer, answer.data.nonce);
    return { ok: true, attestation: { terminalId: signer.terminalId, nonce: answer.data.nonce, signature } };
  } catch (error) {
    return { ok: false, reason: `attestation failed: ${(error as Error).message}` };
  }
}
