import { generateKeyPairSync } from 'node:crypto';
import {
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';
import type { Config } from '../config.js';

/** The WebAuthn relying party: STAFF_PUBLIC_ORIGIN is the only origin accepted, its host name the rpID. */
export interface RelyingParty {
  name: string;
  origin: string;
  rpID: string;
}

export function relyingParty(config: Pick<Config, 'staffPublicOrigin'>): RelyingParty {
  if (!config.staffPublicOrigin)
    throw new Error('the staff console needs STAFF_PORT (and STAFF_PUBLIC_ORIGIN beyond localhost)');
  const url = new URL(config.staffPublicOrigin);
  return { name: 'ハローワーク 職員コンソール', origin: url.origin, rpID: url.hostname };
}

/** The challenge a response answers (from its clientDataJSON), or undefined when it cannot be read. */
export function challengeOf(clientDataJSON: string): string | undefined {
  try {
    const challenge = decodeClientDataJSON(clientDataJSON).challenge;
    return typeof challenge === 'string' && challenge.length > 0 && challenge.length <= 200 ? challenge : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A P-256 key nobody holds, made at start-up. An assertion for an unknown staff ID or credential
 * is checked against it, so those take the same verification (and time) as a known one, and fail.
 */
const decoy: WebAuthnCredential = (() => {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  const cose = new Map<number, number | Uint8Array>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, isoBase64URL.toBuffer(jwk.x ?? '')],
    [-3, isoBase64URL.toBuffer(jwk.y ?? '')],
  ]);
  return { id: 'decoy', publicKey: isoCBOR.encode(cose), counter: 0 };
})();

export interface StoredCredential {
  credential_id: string;
  public_key: string;
  counter: number;
}

/**
 * Verifies an assertion for `challenge` (already consumed by the caller) against the stored
 * credential (or the decoy): signature, origin, rpID hash, user verification and counter. The
 * new counter when it holds, else null; never throws.
 */
export async function verifyAssertion(
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  challenge: string,
  stored: StoredCredential | undefined,
): Promise<number | null> {
  const credential: WebAuthnCredential = stored
    ? { id: stored.credential_id, publicKey: isoBase64URL.toBuffer(stored.public_key), counter: Number(stored.counter) }
    : { ...decoy, id: response.id };
  try {
    const r = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential,
      requireUserVerification: true,
    });
    return r.verified && stored ? r.authenticationInfo.newCounter : null;
  } catch {
    return null;
  }
}
