import { describe, expect, it } from 'vitest';
import { randomId, randomToken } from '../../../src-server/crypto/tokens.js';

// Tokens come from a pool of CSPRNG bytes refilled 4 KiB at a time (a performance fix,
// docs/performance.md): no byte may ever be handed out twice, across many refills.
describe('random tokens', () => {
  it('R-LOGIN-2: 20 000 session-sized tokens and ids, across many pool refills, never repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const token = randomToken();
      const id = randomId();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
      seen.add(token).add(id);
    }
    expect(seen.size).toBe(20_000);
  });

  it('R-LOGIN-2: a token larger than the pool still has all its entropy', () => {
    const big = Buffer.from(randomToken(8192), 'base64url');
    expect(big.length).toBe(8192);
    expect(new Set(big).size).toBeGreaterThan(200); // all 256 byte values are near certain
  });
});
