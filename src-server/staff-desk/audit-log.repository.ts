import { sql, type Expression, type SqlBool } from 'kysely';
import type { AuditKind } from '../../src-shared/staff-api/audit-kinds.js';
import type { Executor } from '../db/schema.js';

/**
 * Each kind's condition on the type, word for word the predicate of its partial index (migration
 * 0016: `audit_events_staff`, `audit_events_kiosk`), so both databases page through that index.
 * Literals, never parameters: a parameter would not match the index's predicate.
 */
const STAFF = sql<SqlBool>`substr(audit_events.type, 1, 6) = 'staff.'`;
const KIOSK = sql<SqlBool>`substr(audit_events.type, 1, 6) = 'kiosk.'`;
export const auditKindWhere: Record<AuditKind, Expression<SqlBool>> = {
  staff: STAFF,
  kiosk: KIOSK,
  // nearly every row: `audit_events_at`, skipping the few staff and kiosk rows
  employer: sql<SqlBool>`substr(audit_events.type, 1, 6) not in ('staff.', 'kiosk.')`,
};

export type AuditPageInput = {
  before: { at: number; id: string } | null;
  limit: number;
  kind?: AuditKind | undefined;
  /** Only what this staff member did (their printed staff ID; an unknown one matches nothing). */
  staffId?: string | undefined;
};

/**
 * One page of the audit log, newest first, strictly before the cursor (`at`, then `id`, so equal
 * times never skip a row), of one kind and one staff member when asked: one statement.
 */
export function auditPageQuery(db: Executor, input: AuditPageInput) {
  let q = db
    .selectFrom('audit_events')
    .leftJoin('staff_members', 'staff_members.id', 'audit_events.staff_member_id')
    .select([
      'audit_events.id',
      'audit_events.at',
      'audit_events.type',
      'audit_events.detail',
      'staff_members.staff_id',
      'staff_members.name',
    ])
    .orderBy('audit_events.at', 'desc')
    .orderBy('audit_events.id', 'desc')
    .limit(input.limit);
  const staffId = input.staffId;
  // A staff member's rows are all `staff.*` (recordStaffAudit): with one named, that kind says
  // nothing more, and leaving it out keeps the plan on their own index, not on every staff row.
  if (input.kind && !(staffId && input.kind === 'staff')) q = q.where(auditKindWhere[input.kind]);
  // through `audit_events_staff_member` (staff_member_id, at)
  if (staffId)
    q = q.where('audit_events.staff_member_id', '=', (eb) =>
      eb.selectFrom('staff_members as m').select('m.id').where('m.staff_id', '=', staffId),
    );
  const before = input.before;
  // `at <=` repeats what the `or` says so that both databases start the index range there; with the
  // `or` alone PostgreSQL walked the (at) index from the newest row down to the cursor (docs/performance.md).
  if (before)
    q = q
      .where('audit_events.at', '<=', before.at)
      .where((eb) =>
        eb.or([
          eb('audit_events.at', '<', before.at),
          eb.and([eb('audit_events.at', '=', before.at), eb('audit_events.id', '<', before.id)]),
        ]),
      );
  return q;
}

export function auditPage(db: Executor, input: AuditPageInput) {
  return auditPageQuery(db, input).execute();
}

/** The names of the terminals a page's events name (at most a page of them): 端末名 and 安定所 instead of an ID. */
export function terminalNames(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('kiosk_terminals')
    .innerJoin('offices', 'offices.id', 'kiosk_terminals.office_id')
    .select(['kiosk_terminals.id', 'kiosk_terminals.label', 'offices.name as office'])
    .where('kiosk_terminals.id', 'in', ids)
    .execute();
}
