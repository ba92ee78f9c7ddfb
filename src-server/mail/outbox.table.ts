/**
 * Mail waiting to leave (or, without SMTP, the dev mailbox). Written in the same transaction as
 * the code it carries; the body is blanked once SMTP has accepted it, so codes do not stay at rest.
 */
export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: number;
  attempts: number;
  /** Also the lease: a sender claims a row by moving this into the future. */
  next_attempt_at: number;
  sent_at: number | null;
  last_error: string | null;
}
