/**
 * Mail waiting to leave (or, without SMTP, the dev mailbox). Written in the same transaction as
 * the code it carries; the body is blanked once SMTP has accepted it (or refused it for good), so
 * codes do not stay at rest.
 */
export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: number;
  /** Sends tried so far (counted when a sender claims the row). */
  attempts: number;
  /** Due from then on: the creation time, then each retry's back-off. */
  next_attempt_at: number;
  /** A sender's lease while it hands the row to SMTP; after it, another sender may take the row. */
  claimed_until: number | null;
  sent_at: number | null;
  /** The relay refused it for good (5xx): never retried. */
  failed_at: number | null;
  /** The relay's answer or the connection error of the last attempt; never the body. */
  last_error: string | null;
}
