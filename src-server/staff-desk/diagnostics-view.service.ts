import type { KioskDiagnosticsResponse } from '../../src-shared/staff-api/actions.js';
import { DiagnosticsBundle } from '../../src-shared/api/schemas.js';
import { R_DIAG_1_KEEP_MS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import { randomId } from '../crypto/tokens.js';
import { insertDiagnosticsRequest, listDiagnostics } from '../kiosk/diagnostics.repository.js';
import { findTerminal } from '../kiosk/kiosk.repository.js';
import type { StaffActor } from '../staff/require-staff.js';
import { recordStaffAudit } from '../staff/staff-audit.js';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/**
 * R-DIAG-1 診断情報を取得: IT asks a live terminal for its diagnostics; its next heartbeat is told
 * so. Audited with who asked; asking again while a request waits is that same request.
 */
export async function requestKioskDiagnostics(
  deps: Deps,
  actor: StaffActor,
  terminalId: string,
): Promise<{ status: 'requested' | 'not_found' }> {
  return deps.db.transaction().execute(async (trx) => {
    const terminal = await findTerminal(trx, terminalId);
    if (!terminal || terminal.revoked_at !== null) return { status: 'not_found' as const };
    const now = deps.clock.now().getTime();
    await insertDiagnosticsRequest(trx, {
      id: randomId(),
      terminalId,
      requestedBy: actor.staffMemberId,
      now,
      keptUntil: now + R_DIAG_1_KEEP_MS,
    });
    await recordStaffAudit(trx, deps.clock, actor, {
      type: 'staff.kiosk_diagnostics_requested',
      detail: { terminalId },
    });
    return { status: 'requested' as const };
  });
}

const iso = (at: number) => new Date(Number(at)).toISOString();

/** 診断情報: the request still waiting and the bundles kept (newest first); undefined for an unknown terminal. */
export async function readKioskDiagnostics(
  deps: Deps,
  terminalId: string,
): Promise<KioskDiagnosticsResponse | undefined> {
  if (!(await findTerminal(deps.db, terminalId))) return undefined;
  const rows = await listDiagnostics(deps.db, terminalId, deps.clock.now().getTime());
  const waiting = rows.find((r) => r.uploaded_at === null);
  const bundles = rows.flatMap((r) => {
    if (r.uploaded_at === null || r.bundle === null) return [];
    // stored redacted and checked (kiosk/diagnostics.service.ts); a row that no longer parses is left out
    const parsed = DiagnosticsBundle.safeParse(JSON.parse(r.bundle));
    if (!parsed.success) return [];
    const at = { requestedAt: iso(r.requested_at), uploadedAt: iso(r.uploaded_at) };
    return [{ ...at, bytes: Number(r.bytes ?? 0), bundle: parsed.data }];
  });
  return { requestedAt: waiting ? iso(waiting.requested_at) : null, bundles };
}
