import { STAFF_SESSION_ABSOLUTE_MS, STAFF_SESSION_IDLE_MS, type StaffRole } from '../../src-shared/staff-api/auth.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Clock } from '../clock.js';
import { randomId, randomToken, sha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { findStaffById } from './staff.repository.js';
import {
  findStaffSessionByTokenHash,
  insertStaffSession,
  revokeStaffSessionByTokenHash,
  touchStaffSession,
} from './staff-sessions.repository.js';

/** Who a signed-in staff request is (`request.staff`, set by `requireStaff`). */
export interface StaffActor {
  sessionId: string;
  staffMemberId: string;
  staffId: string;
  name: string;
  role: StaffRole;
  /** The office of an `office` staff member; null for `it`. */
  officeId: string | null;
  /** The office's name (shown by `GET /me`); null for `it`. */
  officeName: string | null;
}

/** A new opaque token at each sign-in; only its SHA-256 is stored. */
export async function createStaffSession(
  db: Executor,
  clock: Clock,
  staffMemberId: string,
): Promise<{ token: string; id: string; maxAgeSeconds: number }> {
  const now = clock.now().getTime();
  const token = randomToken();
  const id = randomId();
  await insertStaffSession(db, {
    id,
    token_hash: sha256(token),
    staff_member_id: staffMemberId,
    created_at: now,
    last_seen_at: now,
    expires_at: now + STAFF_SESSION_ABSOLUTE_MS,
    revoked_at: null,
  });
  return { token, id, maxAgeSeconds: STAFF_SESSION_ABSOLUTE_MS / 1000 };
}

/**
 * The live staff session of a token: not revoked, used within 15 minutes, within 8 hours of its
 * sign-in, of a staff member still enabled. Each use starts the idle time again.
 */
export async function resumeStaffSession(db: Executor, clock: Clock, token: string): Promise<StaffActor | null> {
  const row = await findStaffSessionByTokenHash(db, sha256(token));
  const now = clock.now().getTime();
  if (!row || row.revoked_at !== null || now >= row.expires_at || now >= row.last_seen_at + STAFF_SESSION_IDLE_MS)
    return null;
  const member = await findStaffById(db, row.staff_member_id);
  if (!member) return null;
  await touchStaffSession(db, row.id, now);
  return {
    sessionId: row.id,
    staffMemberId: member.id,
    staffId: member.staff_id,
    name: member.name,
    role: member.role,
    officeId: member.office_id,
    officeName: member.office_name,
  };
}

/** `POST /staff/logout`: ends the session a token names, if it is live, and records who signed out. */
export async function endStaffSession(db: Executor, clock: Clock, token: string, ip: string): Promise<void> {
  const ended = await revokeStaffSessionByTokenHash(db, sha256(token), clock.now().getTime());
  if (ended) await recordAudit(db, clock, { type: 'staff.logout', ip, staffMemberId: ended.staff_member_id });
}
