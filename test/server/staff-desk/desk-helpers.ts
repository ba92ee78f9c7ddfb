import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { withdrawAccount } from '../../../src-server/accounts/accounts.service.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import type { TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';

export const IIDABASHI = '飯田橋公共職業安定所';
export const SHINJUKU = '新宿公共職業安定所';
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The staff console's paths (src-shared/staff-api/routes.ts), with the employer's ref filled in. */
export const paths = {
  search: (q: string) => `/api/v1/staff/employers?q=${encodeURIComponent(q)}`,
  reveal: (ref: string) => `/api/v1/staff/employers/${encodeURIComponent(ref)}/reveal-id`,
  unlock: (ref: string) => `/api/v1/staff/employers/${encodeURIComponent(ref)}/unlock`,
  reinstate: (ref: string) => `/api/v1/staff/employers/${encodeURIComponent(ref)}/reinstate`,
  history: (ref: string) => `/api/v1/staff/employers/${encodeURIComponent(ref)}/history`,
  kiosks: '/api/v1/staff/kiosks',
  revoke: (id: string) => `/api/v1/staff/kiosks/${encodeURIComponent(id)}/revoke`,
  codes: '/api/v1/staff/enrollment-codes',
  audit: (query = '') => `/api/v1/staff/audit${query}`,
  offices: '/api/v1/staff/offices',
};

let n = 0;
/** A new employer of `office`; its ref is the account's id (what the search answers). */
export async function employer(svc: TestService, input: { office?: string; company?: string } = {}): Promise<{ id: string; ref: string }> {
  const id = `desk${n++}-${Date.now()}@example.jp`;
  await svc.createEmployer({ id, password: PASSWORD, company: input.company ?? `株式会社デスク${n}`, office: input.office ?? IIDABASHI });
  const row = await findAccountByLoginId(svc.db, id);
  if (!row) throw new Error('employer not created');
  return { id, ref: row.id };
}

export async function withdraw(svc: TestService, ref: string): Promise<void> {
  await svc.db.transaction().execute((trx) => withdrawAccount(trx, svc.clock, ref));
}

/** The audit rows of one type, newest last, with their detail parsed. */
export async function auditRows(svc: TestService, type: string) {
  return (await listAudit(svc.db, { type })).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
