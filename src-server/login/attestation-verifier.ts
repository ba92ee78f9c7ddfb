import type { Attestation } from '../../src-shared/api/schemas.js';
import type { Executor } from '../db/schema.js';

/**
 * What the login knows when it asks a kiosk attestation to be checked. It asks BEFORE the password
 * is compared (R-LOGIN-6: the attested terminal is the source whose try is taken), so it knows
 * the typed ID, not the account: the v2 text names that ID (R-KIOSK-7).
 */
export interface AttestationContext {
  /** The normalised login ID the attestation must name. */
  loginId: string;
  ip: string;
  now: Date;
}

/**
 * `keyUsed`: the failure is the named terminal's own (issue 20) — its key signed this (e.g. over a
 * nonce already spent or expired), so its key is in someone's hands; otherwise anyone could have sent it.
 */
export type AttestationResult = { ok: true; terminalId: string } | { ok: false; reason: string; keyUsed?: boolean };

/**
 * R-KIOSK-2/R-OTP-7: checks a login's `attestation` (nonce fresh and unused — consume it in `trx` —,
 * terminal enrolled and not revoked, signature over the v2 attestationMessage(…, {purpose: 'login', loginId}) valid).
 * The kiosk feature implements it (`kioskAttestationVerifier`, kiosk/attestation.service.ts; the
 * login may not import kiosk/, which imports login/); composeService hands it to the login, tests
 * may put another in its place. `reason` goes to the audit log, so it must hold no secret.
 */
export interface AttestationVerifier {
  verify(trx: Executor, attestation: Attestation, context: AttestationContext): Promise<AttestationResult>;
  /**
   * R-FLEET-1: the terminal a kiosk login names runs a build below the minimum version (as its
   * signed heartbeats said): the login answers 403 `kiosk_update_required` before anything else.
   * composeService adds it (kiosk/minimum-version.service.ts `withMinimumVersion`).
   */
  updateRequired?(db: Executor, terminalId: string): Promise<boolean>;
}
