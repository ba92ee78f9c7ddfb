import type { Clock } from '../clock.js';
import { randomId } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { deleteOldestBefore, type DeleteBatch } from '../db/batched-delete.js';

export type AuditType = `${string}.${string}`;

export interface AuditEvent {
  type: AuditType;
  accountId?: string | null;
  loginId?: string | null;
  ip?: string | null;
  /** The staff member who acted (use `recordStaffAudit` of src-server/staff/). */
  staffMemberId?: string | null;
  /** Plain facts only. Never a password, OTP, key, token or cookie. */
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * Records a security event. Pass the transaction of the change it describes, so the event and
 * the change commit (or vanish) together.
 */
export async function recordAudit(db: Executor, clock: Clock, e: AuditEvent): Promise<void> {
  await recordAudits(db, clock, [e]);
}

/** Several events of one change in ONE insert (a statement, and on PostgreSQL a round trip, for all). */
export async function recordAudits(db: Executor, clock: Clock, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const at = clock.now().getTime();
  await db
    .insertInto('audit_events')
    .values(
      events.map((e) => ({
        id: randomId(),
        at,
        type: e.type,
        account_id: e.accountId ?? null,
        login_id: e.loginId ?? null,
        ip: e.ip ?? null,
        staff_member_id: e.staffMemberId ?? null,
        detail: JSON.stringify(e.detail ?? {}),
      })),
    )
    .execute();
}

export function listAudit(db: Executor, filter: { type?: string; loginId?: string } = {}) {
  let q = db.selectFrom('audit_events').selectAll().orderBy('at').orderBy('id');
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.loginId) q = q.where('login_id', '=', filter.loginId);
  return q.execute();
}

/** Retention: audit rows recorded before `before` (AUDIT_RETENTION_DAYS). */
export function deleteAuditBefore(db: Executor, before: number, batch: DeleteBatch): Promise<number> {
  return deleteOldestBefore(db, 'audit_events', 'at', before, batch);
}
