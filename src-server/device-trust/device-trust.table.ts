/** R-OTP-3, R-OTP-4: "skip the OTP on this browser", one account, 90 days, stored as sha256 only. */
export interface DeviceTrustsTable {
  id: string;
  account_id: string;
  token_hash: string;
  label: string;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}
