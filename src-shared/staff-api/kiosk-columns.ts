/**
 * The columns 端末一覧 sorts by (`sort`): one zod-free list that the contract (actions.ts) and the
 * staff console both import, so the console's bundle stays free of zod and no copy can drift.
 */
export const kioskSortColumns = [
  'office',
  'label',
  'version',
  'enrolledAt',
  'lastHeartbeatAt',
  'lastPaintAt',
  'attestationFailures24h',
  'state',
] as const;
export type KioskSortColumn = (typeof kioskSortColumns)[number];
