import { sign, type KeyObject } from 'node:crypto';
import { attestationMessage, type AttestationPurpose } from '../../../src-shared/attestation.js';
import type { Attestation } from '../../../src-shared/api/schemas.js';
import type { ServiceClient } from '../service/service-client.js';

export type Signer = { terminalId: string; machineIdHash: string; privateKey: KeyObject };

/** The Ed25519 signature (base64) over API.md's v2 text; the service builds the same text. */
export function signAttestation(signer: Signer, nonce: string, what: AttestationPurpose): string {
  const message = Buffer.from(attestationMessage(signer.terminalId, signer.machineIdHash, nonce, what), 'utf8');
  return sign(null, message, signer.privateKey).toString('base64');
}

export type AttestOutcome = { ok: true; attestation: Attestation } | { ok: false; reason: string };

/**
 * R-KIOSK-2 step 3: a fresh single-use nonce, signed for a login of `loginId` (R-KIOSK-7). Any failure is an outcome, never a throw:
 * the login then goes on without attestation, i.e. with the OTP step.
 */
export async function attest(client: ServiceClient, signer: Signer, loginId: string): Promise<AttestOutcome> {
  try {
    const answer = await client.call('kioskNonce', { body: { terminalId: signer.terminalId } });
    if (!answer.ok) return { ok: false, reason: `nonce refused: ${answer.error.error}` };
    const signature = signAttestation(signer, answer.data.nonce, { purpose: 'login', loginId });
    return { ok: true, attestation: { terminalId: signer.terminalId, nonce: answer.data.nonce, signature } };
  } catch (error) {
    return { ok: false, reason: `attestation failed: ${(error as Error).message}` };
  }
}
