/**
 * The columns of 端末一覧 that sort. The service sorts, filters and pages (GET /kiosks `sort`,
 * `direction`, `office`; src-shared/staff-api/actions.ts `kioskSortColumns`, the same list, which
 * the console does not import: no zod in the bundle).
 */
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

/** A click on a column heading: the same column flips its direction, another starts ascending. */
export function nextOrder(current: SortOrder, column: KioskColumn): SortOrder {
  if (current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
