import { recordAudit, type AuditEvent } from '../audit/audit.repository.js';
import type { Clock } from '../clock.js';
import type { Executor } from '../db/schema.js';
import type { StaffActor } from './staff-sessions.service.js';

/**
 * Records what a staff member did, naming them (`staff_member_id`, and their staff ID in the
 * detail). Pass the transaction of the change, so the row and the change commit together.
 * `type` like `staff.reveal_id`; `accountId`/`loginId` name the employer acted on, if any.
 */
export function recordStaffAudit(
  trx: Executor,
  clock: Clock,
  actor: Pick<StaffActor, 'staffMemberId' | 'staffId'>,
  event: Omit<AuditEvent, 'staffMemberId'>,
): Promise<void> {
  return recordAudit(trx, clock, {
    ...event,
    staffMemberId: actor.staffMemberId,
    detail: { ...event.detail, staffId: actor.staffId },
  });
}
