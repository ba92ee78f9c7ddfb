import { recordAudit } from '../audit/audit.repository.js';
import type { Clock } from '../clock.js';
import type { Db, Executor } from '../db/schema.js';
import {
  deleteTerminalNonces,
  findTerminal,
  listTerminalsWithOffice,
  markTerminalRevoked,
  revokeTerminalSessions,
} from './kiosk.repository.js';

/**
 * What `mypage kiosks` tells of a terminal's enrollment: heard from yet (`active`, `never-seen`),
 * sharing its machine ID with another live terminal, revoked. Not the console's `KioskState`
 * (src-shared/staff-api/actions.ts: ok, unresponsive, revoked), which judges health by the age of
 * the last heartbeat and shows a shared machine ID apart.
 */
export type KioskEnrollmentState = 'active' | 'never-seen' | 'duplicate-machine-id' | 'revoked';

export interface FleetEntry {
  terminalId: string;
  office: string;
  label: string;
  version: string | null;
  enrolledAt: Date;
  lastHeartbeat: Date | null;
  lastPainted: Date | null;
  state: KioskEnrollmentState;
}

/**
 * Issue 5, fleet view: every terminal by office. Two live terminals with one machine-ID hash are
 * both `duplicate-machine-id` (a disk image cloned before sysprep: enroll after imaging).
 */
export async function listFleet(db: Db): Promise<FleetEntry[]> {
  const rows = await listTerminalsWithOffice(db);
  const live = new Map<string, number>();
  for (const r of rows) if (r.revoked_at === null) live.set(r.machine_id_hash, (live.get(r.machine_id_hash) ?? 0) + 1);
  return rows.map((r) => ({
    terminalId: r.id,
    office: r.office,
    label: r.label,
    version: r.version,
    enrolledAt: new Date(r.enrolled_at),
    lastHeartbeat: r.last_seen_at === null ? null : new Date(r.last_seen_at),
    lastPainted: r.painted_at === null ? null : new Date(r.painted_at),
    state:
      r.revoked_at !== null
        ? 'revoked'
        : (live.get(r.machine_id_hash) ?? 0) > 1
          ? 'duplicate-machine-id'
          : r.last_seen_at === null
            ? 'never-seen'
            : 'active',
  }));
}

export type RevokeOutcome =
  { status: 'revoked'; sessionsEnded: number } | { status: 'already_revoked' } | { status: 'unknown_terminal' };

/**
 * Revokes a terminal: its open visitor sessions end at once, and from its next call on it gets no
 * nonce, so its heartbeats fail and its logins fall back to the OTP step. `alsoInTransaction`
 * (the staff console's audit row naming who revoked it) commits with the revocation.
 */
export async function revokeTerminal(
  db: Db,
  clock: Clock,
  terminalId: string,
  alsoInTransaction?: (trx: Executor) => Promise<void>,
): Promise<RevokeOutcome> {
  return db.transaction().execute(async (trx): Promise<RevokeOutcome> => {
    const now = clock.now().getTime();
    if (!(await findTerminal(trx, terminalId))) return { status: 'unknown_terminal' };
    if (!(await markTerminalRevoked(trx, terminalId, now))) return { status: 'already_revoked' };
    const sessionsEnded = await revokeTerminalSessions(trx, terminalId, now);
    await deleteTerminalNonces(trx, terminalId);
    await recordAudit(trx, clock, { type: 'kiosk.revoked', detail: { terminalId, sessionsEnded } });
    await alsoInTransaction?.(trx);
    return { status: 'revoked', sessionsEnded };
  });
}
