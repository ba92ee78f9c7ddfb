import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Secrets at rest (docs/security.md, "Secret handling").
 * - Tokens (sessions, device trust, challenges, nonces) and mailed keys are high-entropy random
 *   values: a plain SHA-256 of them is enough — nobody can search a 2^128+ space from a hash.
 * - The 6-digit OTP is not: 10^6 guesses undo any fast hash, and a per-row salt would not change
 *   that. So it is an HMAC keyed by its challenge token, which the database never holds (it
 *   stores only the token's SHA-256). A stolen database alone cannot recover an OTP, and the
 *   service needs no extra server secret to configure.
 */

/**
 * CSPRNG bytes, taken from a pool that is refilled 4 KiB at a time. Each `randomBytes` call is a
 * system call (~10–30 µs on the service's VM): three per OTP check were a tenth of its CPU
 * (docs/performance.md). Node's own randomUUID and randomInt batch the same way. Every byte is
 * handed out once; the pool is never reused or exposed.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;
function csprngBytes(n: number): Buffer {
  if (n > POOL_BYTES) return randomBytes(n);
  if (offset + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}

/** A random opaque token, base64url, `bytes` of CSPRNG entropy (32 bytes = 256 bits). */
export function randomToken(bytes = 32): string {
  return csprngBytes(bytes).toString('base64url');
}

/** A short random id for rows that are not secret (device ids shown in settings, outbox ids). */
export function randomId(): string {
  return csprngBytes(12).toString('base64url');
}

/** `n` decimal digits, each drawn uniformly from the CSPRNG (crypto.randomInt has no modulo bias). */
export function randomDigits(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(randomInt(10));
  return out;
}

/** A mailed 認証キー: letters and digits without look-alikes (0/O, 1/I/L), grouped for reading. */
const KEY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function randomKey(length = 16): string {
  let out = '';
  for (let i = 0; i < length; i++) out += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return out;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function hmacSha256(key: string, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex (or any same-alphabet) digests. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab); // keep the work similar; the lengths of digests are public anyway
    return false;
  }
  return timingSafeEqual(ab, bb);
}
