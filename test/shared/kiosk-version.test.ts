import { describe, expect, it } from 'vitest';
import {
  compareKioskVersions,
  isBelowMinimum,
  kioskVersionKey,
  parseKioskVersion,
} from '../../src-shared/kiosk-version.js';

/** semver.org §11's own chain, and the cases a string or number sort gets wrong. */
const ascending = [
  '0.9.9',
  '1.0.0-0',
  '1.0.0-1',
  '1.0.0-2',
  '1.0.0-10',
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-alpha.beta',
  '1.0.0-beta',
  '1.0.0-beta.2',
  '1.0.0-beta.11',
  '1.0.0-rc.1',
  '1.0.0',
  '1.0.1',
  '1.2.0',
  '1.10.0',
  '2.0.0-rc.1',
  '2.0.0',
  '10.0.0',
];

describe('R-FLEET-1 kiosk versions compare as semver', () => {
  it.each(ascending.slice(1).map((v, i) => [ascending[i] as string, v]))('%s < %s', (lower, higher) => {
    const a = parseKioskVersion(lower)!;
    const b = parseKioskVersion(higher)!;
    expect(compareKioskVersions(a, b)).toBe(-1);
    expect(compareKioskVersions(b, a)).toBe(1);
    // The stored key sorts the same way, byte by byte (SQLite BINARY, PostgreSQL COLLATE "C").
    expect(Buffer.compare(Buffer.from(kioskVersionKey(lower)!), Buffer.from(kioskVersionKey(higher)!))).toBe(-1);
  });

  it('sorting the keys gives the semver order', () => {
    const shuffled = [...ascending].reverse();
    const byKey = shuffled.sort((x, y) => (kioskVersionKey(x)! < kioskVersionKey(y)! ? -1 : 1));
    expect(byKey).toEqual(ascending);
  });

  it.each([
    ['1.0.0+build.5', '1.0.0'],
    ['1.0.0-rc.1+abc', '1.0.0-rc.1'],
  ])('build metadata is ignored: %s = %s', (a, b) => {
    expect(compareKioskVersions(parseKioskVersion(a)!, parseKioskVersion(b)!)).toBe(0);
    expect(kioskVersionKey(a)).toBe(kioskVersionKey(b));
  });

  it.each([
    '',
    '1',
    '1.0',
    'v1.0.0',
    '1.0.0.0',
    '01.0.0',
    '1.0.0-',
    '1.0.0-01',
    '1.0.0-alpha..1',
    '1.0.0+',
    ' 1.0.0',
    '1.0.0 ',
    '１.０.０',
    '12345678901.0.0',
    'latest',
  ])('%j is not semver', (text) => {
    expect(parseKioskVersion(text)).toBeUndefined();
    expect(kioskVersionKey(text)).toBeUndefined();
  });

  it.each([
    ['1.4.9', '1.5.0', true],
    ['1.5.0-rc.1', '1.5.0', true],
    ['1.5.0', '1.5.0', false],
    ['1.5.0+ci.7', '1.5.0', false],
    ['1.10.0', '1.5.0', false],
    [null, '1.5.0', true],
    ['dev', '1.5.0', true],
    ['0.0.1', null, false],
    [null, null, false],
  ] as const)('reported %s, minimum %s: below = %s', (reported, minimum, below) => {
    expect(isBelowMinimum(reported, minimum)).toBe(below);
  });
});
