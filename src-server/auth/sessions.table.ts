export type SessionKind = 'web' | 'kiosk';

/** Opaque session tokens, stored as sha256 only. Times are epoch milliseconds. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  account_id: string;
  kind: SessionKind;
  terminal_id: string | null;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}
