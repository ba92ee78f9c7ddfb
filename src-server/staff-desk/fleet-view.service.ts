import type { KioskState, KioskSummary } from '../../src-shared/staff-api/actions.js';
import type { AppDeps } from '../app-deps.js';
import { issueEnrollmentCode } from '../kiosk/enrollment.service.js';
import { listFleet, revokeTerminal, type FleetEntry } from '../kiosk/fleet.service.js';
import type { StaffActor } from '../staff/require-staff.js';
import { recordStaffAudit } from '../staff/staff-audit.js';
import { attestationFailureDetails, officeNames } from './fleet-view.repository.js';
import { officeScope } from './employers.service.js';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** 応答なし: no heartbeat for this long (since enrollment, for a terminal never heard from). */
export const UNRESPONSIVE_AFTER_MS = 10 * 60 * 1000;
const FAILURE_WINDOW_MS = 24 * 60 * 60 * 1000;

function stateOf(t: FleetEntry, now: number): KioskState {
  if (t.state === 'revoked') return 'revoked';
  const heard = (t.lastHeartbeat ?? t.enrolledAt).getTime();
  return now - heard >= UNRESPONSIVE_AFTER_MS ? 'unresponsive' : 'ok';
}

/** How many attestation failures each terminal had in the last 24 h (from the audit rows). */
async function failuresByTerminal(deps: Deps, now: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const row of await attestationFailureDetails(deps.db, now - FAILURE_WINDOW_MS)) {
    const id = (JSON.parse(row.detail) as { terminalId?: unknown }).terminalId;
    if (typeof id === 'string') counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** 端末一覧: every terminal, its state 正常 ok / 応答なし unresponsive / 失効 revoked. */
export async function listKiosks(deps: Deps): Promise<KioskSummary[]> {
  const now = deps.clock.now().getTime();
  const fleet = await listFleet(deps.db);
  const failures = await failuresByTerminal(deps, now);
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return fleet.map((t) => ({
    id: t.terminalId,
    office: t.office,
    label: t.label,
    version: t.version,
    enrolledAt: t.enrolledAt.toISOString(),
    lastHeartbeatAt: iso(t.lastHeartbeat),
    lastPaintAt: iso(t.lastPainted),
    attestationFailures24h: failures.get(t.terminalId) ?? 0,
    state: stateOf(t, now),
    duplicateMachineId: t.state === 'duplicate-machine-id',
  }));
}

/** 失効させる: as the CLI's `revoke-kiosk` (its visitor is logged out at its next call), audited with who did it. */
export async function revokeKiosk(
  deps: Deps,
  actor: StaffActor,
  terminalId: string,
): Promise<{ status: 'revoked' | 'already_revoked' | 'not_found' }> {
  const r = await revokeTerminal(deps.db, deps.clock, terminalId, (trx) =>
    recordStaffAudit(trx, deps.clock, actor, { type: 'staff.kiosk_revoked', detail: { terminalId } }),
  );
  return { status: r.status === 'unknown_terminal' ? 'not_found' : r.status };
}

/**
 * 登録コードを発行: a one-time enrollment code for an existing office and a label (24 h, R-KIOSK-5).
 * Unlike the CLI's `enroll-code`, an office name not in `GET /offices` is refused: a typo in the
 * console never makes an office.
 */
export async function issueKioskCode(
  deps: Deps,
  actor: StaffActor,
  input: { office: string; label: string },
): Promise<{ status: 'issued'; code: string; expiresAt: string } | { status: 'office_unknown' }> {
  if (!(await officeNames(deps.db, null)).includes(input.office)) return { status: 'office_unknown' };
  const r = await issueEnrollmentCode(deps.db, deps.clock, input, (trx) =>
    recordStaffAudit(trx, deps.clock, actor, {
      type: 'staff.enrollment_code_issued',
      detail: { office: input.office, label: input.label },
    }),
  );
  return { status: 'issued', code: r.code, expiresAt: r.expiresAt.toISOString() };
}

/** The offices a staff member may name: every one for IT, their own for office staff. */
export function listOffices(deps: Deps, actor: StaffActor): Promise<string[]> {
  return officeNames(deps.db, officeScope(actor));
}
