import type { KioskRow } from './staff-types.js';

/** The columns of 端末一覧 that sort (each sorts by its own kind of value). */
export const kioskColumns = [
  'office',
  'label',
  'version',
  'enrolledAt',
  'lastHeartbeatAt',
  'lastPaintAt',
  'attestationFailures24h',
  'state',
] as const;
export type KioskColumn = (typeof kioskColumns)[number];
export type SortOrder = { column: KioskColumn; direction: 'ascending' | 'descending' };

/** Worst first when sorting by state: a revoked or silent terminal is what IT looks for. */
const stateRank: Record<KioskRow['state'], number> = { revoked: 0, unresponsive: 1, ok: 2 };

function compareValues(a: KioskRow, b: KioskRow, column: KioskColumn): number {
  if (column === 'attestationFailures24h') return a.attestationFailures24h - b.attestationFailures24h;
  if (column === 'state') return stateRank[a.state] - stateRank[b.state];
  const x = a[column];
  const y = b[column];
  // Missing values ("記録なし") go last whichever way the column sorts.
  if (x === null || y === null) return 0;
  if (column === 'version') return x.localeCompare(y, 'en', { numeric: true });
  if (column.endsWith('At')) return Date.parse(x) - Date.parse(y);
  return x.localeCompare(y, 'ja');
}

/** The rows in the order asked for; ties keep office, then label order. Missing values last. */
export function sortKiosks(rows: readonly KioskRow[], order: SortOrder): KioskRow[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const col = order.column;
    if (col !== 'attestationFailures24h' && col !== 'state') {
      const missingA = a[col] === null;
      const missingB = b[col] === null;
      if (missingA !== missingB) return missingA ? 1 : -1;
    }
    return (
      sign * compareValues(a, b, col) || a.office.localeCompare(b.office, 'ja') || a.label.localeCompare(b.label, 'ja')
    );
  });
}

/** The rows of one office, or all of them when `office` is empty. */
export function filterKiosks(rows: readonly KioskRow[], office: string): KioskRow[] {
  return office === '' ? [...rows] : rows.filter((r) => r.office === office);
}

/** The offices that have terminals, once each, in Japanese order. */
export function officesOf(rows: readonly KioskRow[]): string[] {
  return [...new Set(rows.map((r) => r.office))].sort((a, b) => a.localeCompare(b, 'ja'));
}

/** A click on a column heading: the same column flips its direction, another starts ascending. */
export function nextOrder(current: SortOrder, column: KioskColumn): SortOrder {
  if (current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
