/**
 * R-FLEET-1: kiosk versions compare as semver (semver.org 2.0.0, §11): major.minor.patch by number,
 * a prerelease below its release, prerelease identifiers one by one (numbers by value and below
 * words, words in ASCII order, a shorter list first), build metadata ignored. Pure and zod-free:
 * the service, the staff console and the migration that fills `version_key` all import it.
 */

/** A numeric part longer than this is not a version we compare (it would not fit the key). */
const MAX_DIGITS = 10;
const NUMBER = `(0|[1-9][0-9]{0,${MAX_DIGITS - 1}})`;
const IDENT = `(?:0|[1-9][0-9]{0,${MAX_DIGITS - 1}}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)`;
const SEMVER = new RegExp(
  `^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`,
);

export interface KioskVersion {
  major: number;
  minor: number;
  patch: number;
  /** The prerelease identifiers (empty for a release): numbers as numbers. */
  prerelease: Array<string | number>;
}

/** The version `text` names, or undefined when it is not semver (a leading `v` is not semver either). */
export function parseKioskVersion(text: string): KioskVersion | undefined {
  const m = SEMVER.exec(text);
  if (!m) return undefined;
  const prerelease = m[4] === undefined ? [] : m[4].split('.').map((p) => (/^[0-9]+$/.test(p) ? Number(p) : p));
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease };
}

export const isKioskVersion = (text: string): boolean => parseKioskVersion(text) !== undefined;

function compareIdentifiers(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative, zero or positive as `a` is below, equal to (build metadata aside) or above `b`. */
export function compareKioskVersions(a: KioskVersion, b: KioskVersion): number {
  const core = Math.sign(a.major - b.major) || Math.sign(a.minor - b.minor) || Math.sign(a.patch - b.patch);
  if (core) return core;
  if (!a.prerelease.length || !b.prerelease.length) return Math.sign(b.prerelease.length - a.prerelease.length);
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const c = compareIdentifiers(a.prerelease[i] as string | number, b.prerelease[i] as string | number);
    if (c) return c;
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}

/**
 * Whether a terminal reporting `reported` is below `minimum` (null: no minimum, nothing is). A
 * terminal that reported nothing, or no semver, cannot show it is new enough: it is below any minimum.
 */
export function isBelowMinimum(reported: string | null, minimum: string | null): boolean {
  if (minimum === null) return false;
  const min = parseKioskVersion(minimum);
  if (!min) return false;
  const v = reported === null ? undefined : parseKioskVersion(reported);
  return v === undefined || compareKioskVersions(v, min) < 0;
}

/**
 * The higher of two minimums (null: none; what is not semver counts as none): the deployment's
 * KIOSK_MINIMUM_VERSION and the console's 最低バージョン give the effective one (R-FLEET-1).
 */
export function higherKioskVersion(a: string | null, b: string | null): string | null {
  const pa = a === null ? undefined : parseKioskVersion(a);
  const pb = b === null ? undefined : parseKioskVersion(b);
  if (!pa) return pb ? b : null;
  if (!pb) return a;
  return compareKioskVersions(pa, pb) >= 0 ? a : b;
}

const pad = (n: number) => String(n).padStart(MAX_DIGITS, '0');

/**
 * A text whose byte order (SQLite's BINARY, PostgreSQL's `COLLATE "C"`) is the semver order, so
 * 端末一覧 sorts by version and the service counts terminals below the minimum in SQL: the three
 * numbers padded, then `~` for a release (above every prerelease), or each identifier — `1` and a
 * padded number, or `2`, the word and `!` (below every character a word may hold, so a word sorts
 * before its own extensions). Undefined for what is not semver.
 */
export function kioskVersionKey(text: string): string | undefined {
  const v = parseKioskVersion(text);
  if (!v) return undefined;
  const core = pad(v.major) + pad(v.minor) + pad(v.patch);
  if (!v.prerelease.length) return `${core}~`;
  return core + v.prerelease.map((p) => (typeof p === 'number' ? `1${pad(p)}` : `2${p}!`)).join('');
}
