import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** An Ed25519 public key as SPKI DER is always 44 bytes (12 of header, 32 of key). */
const SPKI_LENGTH = 44;

/**
 * R-KIOSK-2: the enrolled key must really be Ed25519 (not RSA, not an EC curve, not junk that
 * happens to be base64). Parsed by node:crypto, and the re-encoding must give back the same bytes.
 */
export function parseEd25519PublicKey(base64: string): KeyObject | undefined {
  const der = Buffer.from(base64, 'base64');
  if (der.length !== SPKI_LENGTH || der.toString('base64') !== base64) return undefined;
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return undefined;
    return key.export({ type: 'spki', format: 'der' }).equals(der) ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies a base64 Ed25519 signature (64 bytes) over the UTF-8 text. Never throws. */
export function verifyEd25519(publicKeyBase64: string, message: string, signatureBase64: string): boolean {
  const key = parseEd25519PublicKey(publicKeyBase64);
  const signature = Buffer.from(signatureBase64, 'base64');
  if (!key || signature.length !== 64) return false;
  try {
    return verify(null, Buffer.from(message, 'utf8'), key, signature);
  } catch {
    return false;
  }
}
