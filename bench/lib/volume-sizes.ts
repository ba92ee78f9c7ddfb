import type { VolumeSizes } from './volume-sql.js';

/**
 * The nationwide data set (issue 18, item 1): on PostgreSQL 1,000,000 employers over 544 offices,
 * 5,000 terminals, 20,000,000 audit rows over 400 days (100,000 of them forged attestations of the
 * last 24 h), 1,000,000 known browsers and device trusts, and a day of challenges, sessions and
 * budget events; SQLite a tenth. BENCH_VOLUME_SCALE shrinks both (a smoke run); offices stay 544.
 */
export const NATIONWIDE: VolumeSizes = {
  offices: 544,
  accounts: 1_000_000,
  terminals: 5_000,
  audit: 20_000_000,
  forgedAttestations: 100_000,
  knownBrowsers: 1_000_000,
  deviceTrusts: 1_000_000,
  challenges: 50_000,
  sessions: 50_000,
  budgetEvents: 50_000,
};

export function volumeScale(env: NodeJS.ProcessEnv = process.env): number {
  const x = Number(env.BENCH_VOLUME_SCALE ?? 1);
  if (!Number.isFinite(x) || x <= 0 || x > 1) throw new Error(`BENCH_VOLUME_SCALE must be in (0, 1], not ${x}`);
  return x;
}

/** The big set on one database at `scale` (SQLite holds a tenth of PostgreSQL's). */
export function bigSizes(kind: 'sqlite' | 'postgres', scale: number): VolumeSizes {
  const f = scale * (kind === 'sqlite' ? 0.1 : 1);
  const n = (x: number) => Math.max(1, Math.round(x * f));
  return {
    offices: NATIONWIDE.offices,
    accounts: Math.max(n(NATIONWIDE.accounts), 200),
    terminals: Math.max(n(NATIONWIDE.terminals), 20),
    audit: n(NATIONWIDE.audit),
    forgedAttestations: Math.min(n(NATIONWIDE.forgedAttestations), n(NATIONWIDE.audit)),
    knownBrowsers: n(NATIONWIDE.knownBrowsers),
    deviceTrusts: n(NATIONWIDE.deviceTrusts),
    challenges: n(NATIONWIDE.challenges),
    sessions: n(NATIONWIDE.sessions),
    budgetEvents: n(NATIONWIDE.budgetEvents),
  };
}

/** The empty set of the same run: the offices, the employers the load signs in with, the terminals it beats for. */
export const EMPTY_SIZES: VolumeSizes = {
  offices: NATIONWIDE.offices,
  accounts: 200,
  terminals: 20,
  audit: 0,
  forgedAttestations: 0,
  knownBrowsers: 0,
  deviceTrusts: 0,
  challenges: 0,
  sessions: 0,
  budgetEvents: 0,
};
