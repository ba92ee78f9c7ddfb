import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { attestationMessage, type AttestationPurpose } from '../../src-shared/attestation.js';

/** A kiosk as the service sees it: an Ed25519 key pair and a machine-ID hash, like src-main/core/terminal. */
export interface FakeKiosk {
  terminalId: string;
  machineIdHash: string;
  privateKey: KeyObject;
  publicKey: string;
}

export const machineHash = (raw = randomBytes(16).toString('hex')) => createHash('sha256').update(raw).digest('hex');

export function newKeyPair(): { privateKey: KeyObject; publicKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

/** A v2 signature (R-KIOSK-7); `what` is the login it is for, or a heartbeat. */
export function signFor(
  k: Pick<FakeKiosk, 'terminalId' | 'machineIdHash' | 'privateKey'>,
  nonce: string,
  what: AttestationPurpose,
): string {
  return sign(
    null,
    Buffer.from(attestationMessage(k.terminalId, k.machineIdHash, nonce, what), 'utf8'),
    k.privateKey,
  ).toString('base64');
}
