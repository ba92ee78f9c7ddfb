import { kioskSortColumns, type KioskSortColumn } from '../../../src-shared/staff-api/kiosk-columns.js';

/**
 * The columns of 端末一覧 that sort. The service sorts, filters and pages (GET /kiosks `sort`,
 * `direction`, `office`): the contract's own list, zod-free (src-shared/staff-api/kiosk-columns.ts).
 */
export const kioskColumns = kioskSortColumns;
export type KioskColumn = KioskSortColumn;
export type SortOrder = { column: KioskColumn; direction: 'ascending' | 'descending' };

/**
 * The columns of the table itself, so that it fits 1280 px with room for a row's actions; the
 * others (登録日時, 最終画面表示) are in each row's details, and 「並べ替え」 sorts by any column.
 */
export const tableColumns = [
  'office',
  'label',
  'state',
  'lastHeartbeatAt',
  'attestationFailures24h',
  'version',
] as const satisfies readonly KioskColumn[];
export type TableColumn = (typeof tableColumns)[number];

/** 「並べ替え」's choices: every column, each way, as `column:direction`. */
export const sortChoices: readonly SortOrder[] = kioskColumns.flatMap((column) => [
  { column, direction: 'ascending' as const },
  { column, direction: 'descending' as const },
]);

export const sortKey = (o: SortOrder): string => `${o.column}:${o.direction}`;

export function sortOrderOf(key: string): SortOrder | undefined {
  return sortChoices.find((o) => sortKey(o) === key);
}

/** A click on a column heading: the same column flips its direction, another starts ascending. */
export function nextOrder(current: SortOrder, column: KioskColumn): SortOrder {
  if (current.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
