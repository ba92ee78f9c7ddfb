import { sql, type Kysely } from 'kysely';

/**
 * Issue 21: 監査ログ filtered to 職員の操作 or 端末の記録 (the `staff.` and `kiosk.` types), newest
 * first in (at, id) pages. Those rows are a small share of a log that grows by hundreds of
 * thousands a day, so each gets a partial index of its own (at, id) — small, and touched only by
 * its own rows' inserts and deletes; a filtered page is a range of one index, never a scan of the
 * rest. 求人者の操作 (everything else: nearly every row) pages through `audit_events_at` and skips
 * the few others. The predicate must stay exactly the repository's (`auditKindWhere` in
 * staff-desk/audit-log.repository.ts) for either database to use the index: a change there needs
 * a migration of its own. test/server/staff-desk/audit-filter.test.ts reads both plans.
 */
const INDEXES = [
  ['audit_events_staff', 'staff.'],
  ['audit_events_kiosk', 'kiosk.'],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, prefix] of INDEXES)
    await sql`create index ${sql.id(name)} on audit_events (at, id) where substr(type, 1, 6) = ${sql.lit(prefix)}`.execute(
      db,
    );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
