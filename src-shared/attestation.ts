/**
 * R-KIOSK-2: the text a kiosk signs with its enrolled Ed25519 key at each login and heartbeat
 * (API.md, "Kiosk terminals"). Both the kiosk and the service build it here, so they cannot drift.
 */
export const ATTESTATION_CONTEXT = 'hw-kiosk-attest/v1';

export function attestationMessage(terminalId: string, machineIdHash: string, nonce: string): string {
  return `${ATTESTATION_CONTEXT}\n${terminalId}\n${machineIdHash}\n${nonce}`;
}
