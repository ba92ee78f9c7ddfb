import { normalizeAccountId } from './account-id.js';

/**
 * R-KIOSK-2, R-KIOSK-7: the text a kiosk signs with its enrolled Ed25519 key at each login and heartbeat
 * (API.md, "Kiosk terminals", v2). It names its purpose and, for a login, the normalised login ID,
 * so a heartbeat's signature is never a login's and a login's signs in only the ID it names. Both
 * the kiosk and the service build it here, so they cannot drift. (v1 had neither and is refused:
 * the service builds only this text, so a v1 signature never verifies.)
 */
export const ATTESTATION_CONTEXT = 'hw-kiosk-attest/v2';

export type AttestationPurpose = { purpose: 'login'; loginId: string } | { purpose: 'heartbeat' };

export function attestationMessage(
  terminalId: string,
  machineIdHash: string,
  nonce: string,
  what: AttestationPurpose,
): string {
  const loginId = what.purpose === 'login' ? normalizeAccountId(what.loginId) : '';
  return `${ATTESTATION_CONTEXT}\n${what.purpose}\n${terminalId}\n${machineIdHash}\n${nonce}\n${loginId}`;
}
