import { describe, expect, it } from 'vitest';
import { createPinGate, hashAdminPin, verifyAdminPin } from '../../../src-main/core/admin/admin-pin.js';
import { ManualClock } from '../fakes/manual-clock.js';

describe('the hidden admin exit (IT staff only)', () => {
  const stored = hashAdminPin('246810');

  it('the configuration holds a salted scrypt hash, never the PIN', () => {
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain('246810');
    expect(hashAdminPin('246810')).not.toBe(stored);
  });

  it.each([
    ['246810', true],
    ['２４６８１０', true], // full-width digits typed on a Japanese IME are the same PIN
    ['246811', false],
    ['', false],
    ['2468100', false],
  ])('PIN %s → %s', (pin, ok) => expect(verifyAdminPin(pin, stored)).toBe(ok));

  it('without a configured hash the exit stays closed', () => {
    expect(verifyAdminPin('246810', undefined)).toBe(false);
    expect(verifyAdminPin('246810', 'scrypt$broken')).toBe(false);
  });

  it('five wrong PINs close the exit for five minutes, even for the right PIN', () => {
    const clock = new ManualClock();
    const gate = createPinGate(clock);
    for (let i = 0; i < 5; i++) expect(gate.check('000000', stored)).toBe('wrong');
    expect(gate.check('246810', stored)).toBe('locked');
    clock.advance(5 * 60_000);
    expect(gate.check('246810', stored)).toBe('ok');
  });
});
