import type { Attestation } from '../../src-shared/api/schemas.js';
import type { Executor } from '../db/schema.js';

/** What the login knows when it asks a kiosk attestation to be checked. */
export interface AttestationContext {
  accountId: string;
  ip: string;
  now: Date;
}

export type AttestationResult = { ok: true; terminalId: string } | { ok: false; reason: string };

/**
 * R-KIOSK-2/R-OTP-7: checks a login's `attestation` (nonce fresh and unused — consume it in `trx` —,
 * terminal enrolled and not revoked, signature over attestationMessage(...) valid). Implemented in
 * src-server/kiosk/; `reason` goes to the audit log, so it must hold no secret.
 */
export interface AttestationVerifier {
  verify(trx: Executor, attestation: Attestation, context: AttestationContext): Promise<AttestationResult>;
}

/** The default until a kiosk verifier is wired in: nothing attests, every login takes the OTP step. */
export const refuseAllAttestations: AttestationVerifier = {
  verify: async () => ({ ok: false, reason: 'no_verifier' }),
};
