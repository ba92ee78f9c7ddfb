import type { z } from 'zod';
import { isBelowMinimum } from '../../src-shared/kiosk-version.js';
import type { KioskState, KioskSummary, KiosksQuery, KiosksResponse } from '../../src-shared/staff-api/actions.js';
import type { AppDeps } from '../app-deps.js';
import { issueEnrollmentCode } from '../kiosk/enrollment.service.js';
import { failureHour } from '../kiosk/attestation-failures.repository.js';
import { revokeTerminal } from '../kiosk/fleet.service.js';
import { minimumVersion, setConsoleMinimumVersion } from '../kiosk/minimum-version.service.js';
import { UNRESPONSIVE_AFTER_MS } from '../kiosk/silence.js';
import type { StaffActor } from '../staff/require-staff.js';
import { recordStaffAudit } from '../staff/staff-audit.js';
import {
  fleetCounts,
  fleetPage,
  officeNames,
  officesWithTerminals,
  unverifiedAttemptsBySource,
  type FleetRow,
} from './fleet-view.repository.js';
import { officeScope } from './employers.service.js';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** 認証失敗（24時間）: the current hourly bucket and the 23 before it. */
const FAILURE_HOURS = 24;
/** The busiest sources of unverifiable attestations shown. */
const SOURCES_SHOWN = 10;

function stateOf(row: FleetRow, now: number): KioskState {
  if (row.revoked_at !== null) return 'revoked';
  return now - (row.last_seen_at ?? row.enrolled_at) >= UNRESPONSIVE_AFTER_MS ? 'unresponsive' : 'ok';
}

const iso = (at: number | null) => (at === null ? null : new Date(Number(at)).toISOString());

function summary(row: FleetRow, now: number, minimum: string | null): KioskSummary {
  return {
    id: row.id,
    office: row.office,
    label: row.label,
    version: row.version,
    enrolledAt: new Date(Number(row.enrolled_at)).toISOString(),
    lastHeartbeatAt: iso(row.last_seen_at),
    lastPaintAt: iso(row.painted_at),
    attestationFailures24h: row.failures,
    state: stateOf(row, now),
    duplicateMachineId: row.duplicate === 1,
    updateRequired: row.revoked_at === null && isBelowMinimum(row.version, minimum),
  };
}

/**
 * 端末一覧: one page of terminals, sorted and filtered by the service, states 正常 ok / 応答なし
 * unresponsive / 失効 revoked, 要更新 below the minimum version (R-FLEET-1); failures are the
 * terminal's own (its key signed, issue 20), and the attempts no key proves are shown apart, per
 * source address — to IT only. Office staff see their own office's terminals, whatever `office`
 * asks (R-FLEET-2), and no source addresses.
 */
export async function listKiosks(
  deps: Deps,
  actor: Pick<StaffActor, 'role' | 'officeName'>,
  query: z.output<typeof KiosksQuery>,
): Promise<KiosksResponse> {
  const now = deps.clock.now().getTime();
  const sinceHour = failureHour(now) - (FAILURE_HOURS - 1);
  const it = actor.role === 'it';
  const office = it ? (query.office ?? null) : (actor.officeName ?? '');
  const rows = await fleetPage(deps.db, {
    office,
    sort: query.sort,
    direction: query.direction,
    offset: query.offset,
    limit: query.limit + 1,
    silentSince: now - UNRESPONSIVE_AFTER_MS,
    sinceHour,
  });
  const counts = await fleetCounts(deps.db, office);
  const minimum = await minimumVersion(deps);
  return {
    kiosks: rows.slice(0, query.limit).map((r) => summary(r, now, minimum.effective)),
    total: counts.shown,
    all: it ? counts.all : counts.shown,
    nextOffset: rows.length > query.limit ? query.offset + query.limit : null,
    offices: it ? await officesWithTerminals(deps.db) : office ? [office] : [],
    unverifiedAttempts: it
      ? await unverifiedAttemptsBySource(deps.db, { sinceHour, untilHour: failureHour(now), limit: SOURCES_SHOWN })
      : { total: 0, sources: [] },
    minimumVersion: minimum,
  };
}

/**
 * 最低バージョン (R-FLEET-1): sets the console's minimum (`none` clears it), audited with who did it,
 * the value and the one before, in the same transaction.
 */
export async function setMinimumVersion(deps: Deps, actor: StaffActor, version: string): Promise<void> {
  const value = version === 'none' ? null : version;
  await setConsoleMinimumVersion(deps, value, (trx, previous) =>
    recordStaffAudit(trx, deps.clock, actor, {
      type: 'staff.kiosk_minimum_version_set',
      detail: { version: value, previous },
    }),
  );
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
