import { kioskSortColumns, type KioskSortColumn } from '../../../src-shared/staff-api/kiosk-columns.js';

/**
 * The columns of 端末一覧 that sort. The service sorts, filters and pages (GET /kiosks `sort`,
 * `direction`, `office`): the contract's own list, zod-free (src-shared/staff-api/kiosk-columns.ts).
 */
export const kioskColumns = kioskSortColumns;
export type KioskColumn = KioskSortColumn;
export type SortOrder = { column: KioskColumn; direction: 'ascending' | 'descending' };

/** A click on a column heading: the same column flips its direction, another starts ascending. */
export function nextOrder(current: SortOrder, column: KioskColumn): SortOrder {
  if (current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
