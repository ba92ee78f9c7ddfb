import type { ColumnType } from 'kysely';

/** Row types of sign-in: lock-out counters and OTP challenges. Times are epoch milliseconds. */

/**
 * R-LOGIN-3, R-LOGIN-6: keyed by the normalised ID (whether or not an account has it) and the source the
 * wrong passwords came from: '' "anywhere else", `t:<terminalId>`, `b:<known browser id>`.
 */
export interface LoginFailuresTable {
  login_id: string;
  source: ColumnType<string, string | undefined, string>;
  failures: number;
  locked_until: number | null;
  updated_at: number;
}

/** R-OTP-1, R-OTP-2: one mailed OTP, bound to the challenge token the browser holds. */
export interface LoginChallengesTable {
  /** sha256 of the challenge token (the token itself lives only in the client). */
  id: string;
  account_id: string;
  /** HMAC-SHA256 keyed by the challenge token over the OTP digits (see crypto/tokens.ts). */
  otp_hash: string;
  attempts: number;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
  /** 1 when a kiosk tried and failed to attest (the OTP step is its fallback). */
  attestation_failed: number;
}

/** R-LOGIN-6: a browser that signed in to the account before (its marker cookie, sha256 only). */
export interface KnownBrowsersTable {
  id: string;
  token_hash: string;
  account_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}
