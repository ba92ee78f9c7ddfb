import { HOUR_MS } from '../../test/support/volume-service.js';
import { I, type TableFill } from './volume-sql.js';

/**
 * The last day's forged attestations as 端末一覧 counts them (migration 0011): per source address
 * and hour (`attestation_source_failures`), FORGED_PER_ROW each, and each hour's total under `*`.
 * Forged ones are never a terminal's own (issue 20): `terminal_failures` stays empty.
 */
const FORGED_PER_ROW = 4;
const HOURS = 24;
const rowsOf = (forged: number) => Math.ceil(forged / FORGED_PER_ROW);
const hourOf = (c: { now: number }, offset: string) => `(${Math.floor(c.now / HOUR_MS)} - (${offset}))`;

export const sourceFailuresFill: TableFill = {
  table: 'attestation_source_failures',
  rows: (s) => rowsOf(s.forgedAttestations),
  columns: (c) => ({
    source: `'10.' || (${I} / ${HOURS} % 250) || '.' || (${I} / ${HOURS * 250} % 250) || '.' || (${I} / ${HOURS * 62500} % 250)`,
    hour: hourOf(c, `${I} % ${HOURS}`),
    failures: String(FORGED_PER_ROW),
  }),
};

export const sourceFailureTotalsFill: TableFill = {
  table: 'attestation_source_failures',
  rows: (s) => (s.forgedAttestations > 0 ? HOURS : 0),
  columns: (c) => ({
    source: `'*'`,
    hour: hourOf(c, `${I} - 1`),
    failures: String(Math.ceil(rowsOf(c.sizes.forgedAttestations) / HOURS) * FORGED_PER_ROW),
  }),
};
