import type { EmployerState, EmployerSummary, IdentityDocumentKind } from '../../src-shared/staff-api/actions.js';
import type { AppDeps } from '../app-deps.js';
import { clearLockout } from '../login/lockout.service.js';
import type { StaffActor } from '../staff/require-staff.js';
import { recordStaffAudit } from '../staff/staff-audit.js';
import { employerEvents, findEmployer, type EmployerRow } from './employers.repository.js';

export type Deps = Pick<AppDeps, 'db' | 'clock'>;
const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_LIMIT = 50;

/** An office id no office has: an office-role member without an office sees nobody. */
const NO_OFFICE = ' none';

/** Whose employers a staff member sees: office staff their own office's, IT staff every office's (null). */
export const officeScope = (actor: Pick<StaffActor, 'role' | 'officeId'>): string | null =>
  actor.role === 'it' ? null : (actor.officeId ?? NO_OFFICE);

function stateOf(row: EmployerRow): EmployerState {
  if (row.status === 'withdrawn') return 'withdrawn';
  return row.locked ? 'locked' : 'active';
}

export function summarize(row: EmployerRow, now: number): EmployerSummary {
  return {
    ref: row.id,
    company: row.company,
    office: row.office,
    state: stateOf(row),
    withdrawnDays:
      row.status === 'withdrawn' && row.withdrawn_at !== null ? Math.floor((now - row.withdrawn_at) / DAY_MS) : null,
  };
}

/** The employer a ref names, within the staff member's office; undefined for none and for another office's alike. */
export function employerInScope(deps: Deps, actor: StaffActor, ref: string): Promise<EmployerRow | undefined> {
  return findEmployer(deps.db, { officeId: officeScope(actor), ref, now: deps.clock.now().getTime() });
}

export type RevealOutcome = { status: 'revealed'; loginId: string } | { status: 'not_found' };

/**
 * The seed's 確認依頼: the identity check (document kind and the staff member's note) is recorded
 * with the disclosure, in one transaction; the ID goes only into the answer, never into the row's detail.
 */
export async function revealLoginId(
  deps: Deps,
  actor: StaffActor,
  ref: string,
  check: { documentKind: IdentityDocumentKind; note: string },
): Promise<RevealOutcome> {
  const { db, clock } = deps;
  return db.transaction().execute(async (trx): Promise<RevealOutcome> => {
    const row = await findEmployer(trx, { officeId: officeScope(actor), ref, now: clock.now().getTime() });
    if (!row) return { status: 'not_found' };
    await recordStaffAudit(trx, clock, actor, {
      type: 'staff.id_revealed',
      accountId: row.id,
      detail: { documentKind: check.documentKind, note: check.note },
    });
    return { status: 'revealed', loginId: row.login_id };
  });
}

/** ロック解除: R-LOGIN-6 — every source's lock and count of the ID goes (as the CLI's `unlock`). */
export async function unlockEmployer(
  deps: Deps,
  actor: StaffActor,
  ref: string,
): Promise<{ status: 'unlocked' } | { status: 'not_found' }> {
  const { db, clock } = deps;
  return db.transaction().execute(async (trx) => {
    const row = await findEmployer(trx, { officeId: officeScope(actor), ref, now: clock.now().getTime() });
    if (!row) return { status: 'not_found' as const };
    await clearLockout(trx, row.login_id);
    await recordStaffAudit(trx, clock, actor, {
      type: 'staff.unlocked',
      accountId: row.id,
      detail: { wasLocked: row.locked === 1 },
    });
    return { status: 'unlocked' as const };
  });
}

/** 操作履歴: the employer's newest events, as codes (the console words them). */
export async function employerHistory(
  deps: Deps,
  actor: StaffActor,
  ref: string,
): Promise<{ status: 'ok'; events: Array<{ at: string; type: string }> } | { status: 'not_found' }> {
  const row = await employerInScope(deps, actor, ref);
  if (!row) return { status: 'not_found' };
  const events = await employerEvents(deps.db, { accountId: row.id, loginId: row.login_id, limit: HISTORY_LIMIT });
  return { status: 'ok', events: events.map((e) => ({ at: new Date(Number(e.at)).toISOString(), type: e.type })) };
}
