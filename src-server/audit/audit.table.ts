/** Security events. Never a password, OTP, key or token — only what happened, to whom, from where. */
export interface AuditEventsTable {
  id: string;
  at: number;
  /** `<feature>.<event>`, e.g. login.locked, kiosk.attestation_failed */
  type: string;
  account_id: string | null;
  /** The normalised ID the request named (also for unknown IDs). */
  login_id: string | null;
  ip: string | null;
  /** The staff member who acted (staff console, issue 14); null for everything else. */
  staff_member_id: string | null;
  /** JSON object with details (no secrets). */
  detail: string;
}
