/**
 * 監査ログ's filter: which records (職員の操作 first: the log is the staff's record before anything
 * else; then 求人者の操作, 端末の記録, すべて) and, for staff actions, one staff ID. The service filters
 * in SQL (GET /audit `kind`, `staffId`); `all` sends no kind.
 */
export const auditKinds = ['staff', 'employer', 'kiosk', 'all'] as const;
export type AuditFilter = { kind: (typeof auditKinds)[number]; staffId: string };
