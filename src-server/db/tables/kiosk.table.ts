/**
 * Row types of the kiosk terminals (R-KIOSK-2), created by the first migration so that the
 * kiosk feature (src-server/kiosk/) starts from a settled schema. Times are epoch milliseconds.
 */
export interface KioskTerminalsTable {
  id: string;
  office_id: string;
  label: string;
  /** Ed25519 public key, base64 of its SPKI DER. */
  public_key: string;
  machine_id_hash: string;
  version: string | null;
  enrolled_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
  /** When the kiosk's window last painted, as its latest heartbeat said (migration 0002). */
  painted_at: number | null;
  /** `version` as a key whose byte order is semver's (src-shared/kiosk-version.ts); null when not semver (migration 0017). */
  version_key: string | null;
  /** 1 while IT was last mailed that the terminal is 応答なし (R-FLEET-2, migration 0017). */
  alerted_silent: number;
}

export interface EnrollmentCodesTable {
  /** sha256 of the code. */
  code_hash: string;
  office_id: string;
  label: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  terminal_id: string | null;
}

export interface KioskNoncesTable {
  /** sha256 of the nonce. */
  nonce_hash: string;
  terminal_id: string;
  created_at: number;
  expires_at: number;
}

/**
 * Attestation failures per hour (migration 0011, issue 20): against a terminal only when its own
 * key signed (a verified signature over a spent or expired nonce); `hour` is epoch ms / 3,600,000.
 */
export interface TerminalFailuresTable {
  terminal_id: string;
  hour: number;
  failures: number;
}

/** Attestation failures nobody's key proves (forged, unknown terminal, …), per source address and hour. */
export interface AttestationSourceFailuresTable {
  source: string;
  hour: number;
  failures: number;
}

/**
 * R-DIAG-1 (migration 0018): IT's request for a terminal's diagnostics, and once uploaded its
 * bundle (redacted JSON text). `kept_until`: when the retention sweep deletes it.
 */
export interface KioskDiagnosticsTable {
  id: string;
  terminal_id: string;
  requested_at: number;
  /** The staff member who asked (staff_members.id). */
  requested_by: string;
  uploaded_at: number | null;
  kept_until: number;
  version: string | null;
  bundle: string | null;
  bytes: number | null;
}
