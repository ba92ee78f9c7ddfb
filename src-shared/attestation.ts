import { normalizeAccountId } from './account-id.js';

/**
 * R-KIOSK-2, R-KIOSK-7: the text a kiosk signs with its enrolled Ed25519 key at each login and heartbeat
 * (API.md, "Kiosk terminals", v2). It names its purpose and, for a login, the normalised login ID,
 * so a heartbeat's signature is never a login's and a login's signs in only the ID it names. Both
 * the kiosk and the service build it here, so they cannot drift. (v1 had neither and is refused:
 * the service builds only this text, so a v1 signature never verifies.)
 */
export const ATTESTATION_CONTEXT = 'hw-kiosk-attest/v2';

/**
 * `diagnostics` (R-DIAG-1): the upload signs the SHA-256 (hex) of the bundle's JSON text in the
 * place of the login ID, so a signature covers that bundle and no other.
 */
export type AttestationPurpose =
  { purpose: 'login'; loginId: string } | { purpose: 'heartbeat' } | { purpose: 'diagnostics'; bundleSha256: string };

export function attestationMessage(
  terminalId: string,
  machineIdHash: string,
  nonce: string,
  what: AttestationPurpose,
): string {
  const last =
    what.purpose === 'login'
      ? normalizeAccountId(what.loginId)
      : what.purpose === 'diagnostics'
        ? what.bundleSha256
        : '';
  return `${ATTESTATION_CONTEXT}\n${what.purpose}\n${terminalId}\n${machineIdHash}\n${nonce}\n${last}`;
}
