/**
 * 監査ログ's kinds of record (GET /audit `kind`), zod-free so the console can offer them as they
 * are: 職員の操作 (`staff.*` events), 求人者の操作 (an employer's: login, password, settings, …),
 * 端末の記録 (`kiosk.*`). Without `kind`, every record.
 */
export const auditKinds = ['staff', 'employer', 'kiosk'] as const;
export type AuditKind = (typeof auditKinds)[number];
