import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The admin PIN of the hidden exit is kept only as an scrypt hash in the configuration
 * (`scrypt$N$r$p$salt$hash`), so reading the policy file does not reveal it.
 */
const N = 16384;
const R = 8;
const P = 1;

export function hashAdminPin(pin: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(pin.normalize('NFKC'), salt, 32, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyAdminPin(pin: string, stored: string | undefined): boolean {
  if (!stored) return false; // no PIN configured: the hidden exit is closed
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Five wrong PINs close the exit for five minutes: a visitor cannot try PINs all day. */
export function createPinGate(clock: { now(): number }, maxTries = 5, lockMs = 5 * 60_000) {
  let failures = 0;
  let lockedUntil = 0;
  return {
    check(pin: string, stored: string | undefined): 'ok' | 'wrong' | 'locked' {
      if (clock.now() < lockedUntil) return 'locked';
      if (verifyAdminPin(pin, stored)) {
        failures = 0;
        return 'ok';
      }
      failures += 1;
      if (failures >= maxTries) {
        failures = 0;
        lockedUntil = clock.now() + lockMs;
      }
      return 'wrong';
    },
  };
}
