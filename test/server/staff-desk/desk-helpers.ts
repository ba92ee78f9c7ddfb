import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { withdrawAccount } from '../../../src-server/accounts/accounts.service.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import { fillPath } from '../../../src-shared/host-calls.js';
import { staffApi, type StaffApiName } from '../../../src-shared/staff-api/routes.js';
import type { TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';

export const IIDABASHI = '飯田橋公共職業安定所';
export const SHINJUKU = '新宿公共職業安定所';
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The staff console's paths, from its table (src-shared/staff-api/routes.ts), with `:ref`/`:id` filled in. */
const fill = (name: StaffApiName, params: Record<string, string> = {}) => fillPath(staffApi[name].path, params);
export const paths = {
  search: (q: string) => `${fill('employerSearch')}?q=${encodeURIComponent(q)}`,
  reveal: (ref: string) => fill('employerRevealId', { ref }),
  unlock: (ref: string) => fill('employerUnlock', { ref }),
  reinstate: (ref: string) => fill('employerReinstate', { ref }),
  history: (ref: string) => fill('employerHistory', { ref }),
  kiosks: fill('kiosks'),
  revoke: (id: string) => fill('kioskRevoke', { id }),
  codes: fill('enrollmentCodes'),
  audit: (query = '') => `${fill('audit')}${query}`,
  offices: fill('offices'),
};

let n = 0;
/** A new employer of `office`; its ref is the account's id (what the search answers). */
export async function employer(
  svc: TestService,
  input: { office?: string; company?: string } = {},
): Promise<{ id: string; ref: string }> {
  const id = `desk${n++}-${Date.now()}@example.jp`;
  await svc.createEmployer({
    id,
    password: PASSWORD,
    company: input.company ?? `株式会社デスク${n}`,
    office: input.office ?? IIDABASHI,
  });
  const row = await findAccountByLoginId(svc.db, id);
  if (!row) throw new Error('employer not created');
  return { id, ref: row.id };
}

export async function withdraw(svc: TestService, ref: string): Promise<void> {
  await svc.db.transaction().execute((trx) => withdrawAccount(trx, svc.clock, ref));
}

/** The audit rows of one type, newest last, with their detail parsed. */
export async function auditRows(svc: TestService, type: string) {
  return (await listAudit(svc.db, { type })).map((r) => ({
    ...r,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
