import { accountIdExpr, loginIdExpr } from './volume-table-accounts.js';
import { AUDIT_DAYS, DAY_MS, I, pad, pick, spread, type FillContext, type TableFill } from './volume-sql.js';

/** Event types, an employer's first (they name the account), then the kiosks' and the staff's. */
const EMPLOYER_TYPES = [
  'login.otp_sent',
  'login.succeeded',
  'login.otp_sent',
  'login.succeeded',
  'password.failed',
  'login.device_trusted',
  'session.logout',
  'login.kiosk',
  'login.kiosk',
  'settings.password_changed',
  'password_reset.requested',
  'password.locked',
  'login.otp_sent',
  'login.succeeded',
  'session.logout',
] as const;
const OTHER_TYPES = ['kiosk.offline_reported', 'kiosk.heartbeat_refused', 'staff.login', 'staff.unlocked'] as const;
const TYPES = [...EMPLOYER_TYPES, ...OTHER_TYPES];

/** Columns of `n` audit rows, row `g.i - offset` the newest, spread evenly over `spanMs` before `newest`. */
function auditColumns(
  c: FillContext,
  o: { prefix: string; n: number; offset: number; newest: number; spanMs: number },
) {
  const local = `(${I} - ${o.offset})`;
  const t = `(${I} * 7 % ${TYPES.length})`;
  const employer = `${t} < ${EMPLOYER_TYPES.length}`;
  const k = `(1 + ${spread(I, c.sizes.accounts)})`;
  return {
    id: `'${o.prefix}' || ${pad(c, I, 9)}`,
    at: `${o.newest} - 1 - (${local} - 1) * ${Math.max(1, Math.floor((o.spanMs - 1) / Math.max(1, o.n - 1)))}`,
    type: pick(TYPES, t),
    account_id: `(case when ${employer} then ${accountIdExpr(c, k)} end)`,
    login_id: `(case when ${employer} then ${loginIdExpr(c, k)} end)`,
    ip: `'10.' || (${I} % 250) || '.' || (${I} / 250 % 250) || '.' || (${I} / 62500 % 250)`,
    detail: `(case when ${employer} then '{}' else '{"terminalId":"t' || ${pad(c, `1 + ${I} % ${Math.max(1, c.sizes.terminals)}`, 5)} || '"}' end)`,
  };
}

/** A year and a month of audit rows (AUDIT_DAYS), but for the last day's forged attestations. */
export const auditFill: TableFill = {
  table: 'audit_events',
  rows: (s) => s.audit - s.forgedAttestations,
  columns: (c) =>
    auditColumns(c, {
      prefix: 'e',
      n: c.sizes.audit - c.sizes.forgedAttestations,
      offset: 0,
      newest: c.now,
      spanMs: AUDIT_DAYS * DAY_MS,
    }),
};

/** Forged attestations from anywhere in the last 24 h (issue 18, item 4): what 端末一覧 counts per terminal. */
export const forgedAttestationsFill: TableFill = {
  table: 'audit_events',
  rows: (s) => s.forgedAttestations,
  columns: (c) => ({
    ...auditColumns(c, { prefix: 'f', n: c.sizes.forgedAttestations, offset: 0, newest: c.now, spanMs: DAY_MS }),
    type: `'kiosk.attestation_failed'`,
    account_id: 'null',
    login_id: 'null',
    detail: `'{"terminalId":"t' || ${pad(c, `1 + ${spread(I, Math.max(1, c.sizes.terminals))}`, 5)} || '","reason":"bad_signature"}'`,
  }),
};

/** `n` audit rows older than `olderThan` (spread over 100 days before it): a retention backlog. */
export function backlogColumns(c: FillContext, n: number, olderThan: number): Record<string, string> {
  return auditColumns(c, { prefix: 'b', n, offset: 0, newest: olderThan, spanMs: 100 * DAY_MS });
}
