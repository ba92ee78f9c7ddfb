import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/**
 * argon2id with OWASP's first recommended parameter set (Password Storage Cheat Sheet):
 * m = 19 MiB, t = 2, p = 1. The npm default (64 MiB, t=3, p=4) would cost four times the memory
 * per login on a 2-core machine for no gain the seed asks for.
 */
export const ARGON2_PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_PARAMS);
}

let dummyHash: Promise<string> | undefined;

/**
 * A real argon2id hash of a random secret, made once per process. Unknown IDs and empty
 * passwords are verified against it, so they take the same time as a real wrong password
 * (R-LOGIN-3: the answer must not tell whether an ID exists).
 */
export function getDummyHash(): Promise<string> {
  dummyHash ??= argon2.hash(randomBytes(32).toString('base64'), ARGON2_PARAMS);
  return dummyHash;
}

/** Verifies `password` against `hash`, or against the dummy hash when there is no account. */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  const target = hash ?? (await getDummyHash());
  try {
    const ok = await argon2.verify(target, password);
    return ok && hash !== undefined;
  } catch {
    return false; // a malformed stored hash must not become a 500 that tells the account exists
  }
}
