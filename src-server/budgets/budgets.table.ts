/**
 * Row types of the rolling-hour budgets (R-OTP-8, R-PW-7). Times are epoch milliseconds.
 * `subject` is what a budget belongs to: an account id, or a normalised ID where the caller may not
 * know whether an account has it (the reset request), so unknown IDs count alike.
 */
export interface BudgetHoldsTable {
  subject: string;
  /** One hold row per budget: `otp`, `mail:reset`, `mail:rereg`, `mail:email_change`. */
  scope: string;
  held_at: number;
  /** When the owner was last told that this budget ran out (at most once per window). */
  notified_at: number | null;
}

export interface BudgetEventsTable {
  subject: string;
  /** `otp_wrong`, `otp_mail`, `mail:reset`, … */
  kind: string;
  at: number;
}
