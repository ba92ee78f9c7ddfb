import type { AuditEntry } from '../../src-shared/staff-api/actions.js';
import type { SessionKind } from '../auth/sessions.table.js';
import type { PasswordScreen } from '../login/password-attempt.js';
import type { PasswordSource } from '../login/password-source.js';

/**
 * What 監査ログ shows of each event's detail: the keys listed for its type, nothing else. Audit
 * rows keep facts a reader of the log must not get wholesale — an old login ID (`settings.email_changed`
 * `from`), a typed staff ID that may be anything (`staff.login_failed`), the staff member's note of
 * an identity check — so the log never bypasses IDを表示's identity check. A type not listed shows
 * no detail; a note shows only that one was recorded. Values are scalars only.
 */
export const shownKeys: Record<string, readonly string[]> = {
  'account.unlocked': ['by'],
  'kiosk.attestation_failed': ['terminalId', 'reason', 'keyUsed'],
  'kiosk.code_issued': ['office', 'label'],
  'kiosk.duplicate_machine_id': ['terminalId', 'others'],
  'kiosk.diagnostics_refused': ['terminalId', 'reason'],
  'kiosk.diagnostics_unrequested': ['terminalId'],
  'kiosk.diagnostics_uploaded': ['terminalId', 'bytes'],
  'kiosk.enrolled': ['terminalId', 'office', 'label'],
  'kiosk.heartbeat_refused': ['terminalId', 'reason'],
  'kiosk.offline_reported': ['terminalId', 'offlineMs'],
  'kiosk.revoked': ['terminalId', 'sessionsEnded'],
  'login.kiosk': ['terminalId'],
  'login.succeeded': ['kind'],
  'otp.budget_refused': ['wrong', 'mails'],
  'password.failed': ['surface', 'source'],
  'password.locked': ['surface', 'source'],
  'password.refused_locked': ['surface', 'source'],
  'password_reset.requested': ['mailed', 'by'],
  'reregistration.requested': ['mailed'],
  'session.logout': ['kind'],
  'settings.email_change_requested': ['mailed'],
  'staff.code_issued': ['staffId'],
  'staff.created': ['staffId', 'role', 'office'],
  'staff.disabled': ['staffId', 'sessionsEnded', 'by'],
  'staff.enrollment_code_issued': ['staffId', 'office', 'label'],
  'staff.id_revealed': ['staffId', 'documentKind'],
  'staff.kiosk_diagnostics_requested': ['staffId', 'terminalId'],
  'staff.kiosk_revoked': ['staffId', 'terminalId'],
  'staff.kiosk_minimum_version_set': ['staffId', 'version', 'previous'],
  'staff.login': ['staffId'],
  'staff.login_failed': ['reason'],
  'staff.passkey_registered': ['staffId'],
  'staff.reinstated': ['staffId'],
  'staff.unlocked': ['staffId', 'wasLocked'],
};

/** Every member of a union of codes, checked both ways: one missing or one too many does not compile. */
const allOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : never)): A =>
    values;

/**
 * The shown keys whose values are codes, and every code each may hold: the console words them all
 * (src-renderer/lib/i18n/staff/audit-*.ts `values`; test/shared/audit-detail-words.test.ts). `reason`
 * is free text in the code that records it (attestation and staff sign-in failures): the test also
 * reads those files for its literals.
 */
export const codedDetailValues = {
  surface: allOf<PasswordScreen>()(['login', 'reregistration', 'settings']),
  source: allOf<PasswordSource['kind']>()(['terminal', 'browser', 'anywhere']),
  kind: allOf<SessionKind>()(['web', 'kiosk']),
  by: ['staff', 'cli'],
  reason: [
    // kiosk attestations (kiosk/attestation.service.ts, login/attestation-verifier.ts)
    'nonce_invalid',
    'unknown_terminal',
    'terminal_revoked',
    'bad_signature',
    'no_verifier',
    // staff sign-in (staff/staff-login.service.ts)
    'limited',
    'challenge',
    'credential',
    'assertion',
    'counter',
  ],
} as const;

type Detail = AuditEntry['detail'];
const isScalar = (v: unknown): v is Detail[string] => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** The detail of one audit row (its stored JSON) as the log shows it. */
export function shownDetail(type: string, stored: string): Detail {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const all = parsed as Record<string, unknown>;
  const shown: Detail = {};
  for (const key of shownKeys[type] ?? []) {
    const value = all[key];
    if (value !== undefined && isScalar(value)) shown[key] = value;
  }
  if (typeof all['note'] === 'string' && all['note'] !== '') shown['noteRecorded'] = true;
  return shown;
}
