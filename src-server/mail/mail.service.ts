import type { Clock } from '../clock.js';
import type { Executor } from '../db/schema.js';
import type { MailContent } from './mail-templates.js';
import { insertOutbox, recentOutbox } from './outbox.repository.js';

/**
 * Queues a mail in the outbox. Call it with the transaction that creates the code the mail
 * carries: both commit or neither does, and the request never waits on SMTP (so a known and an
 * unknown ID answer in the same time). The sender (outbox-sender.ts) delivers it afterwards.
 */
export async function enqueueMail(db: Executor, clock: Clock, to: string, mail: MailContent): Promise<string> {
  return insertOutbox(db, clock.now().getTime(), { to, subject: mail.subject, body: mail.body });
}

/** A mail to `to`, or — `to` null, a decoy's — the same row written as dropped (never sent). */
export async function enqueueMailOrDrop(
  db: Executor,
  clock: Clock,
  to: string | null,
  mail: MailContent,
): Promise<string> {
  return insertOutbox(db, clock.now().getTime(), {
    to: to ?? '',
    subject: mail.subject,
    body: mail.body,
    dropped: to === null,
  });
}

/** Finds the line of a mail body that is only the code (digits or a key). Used by tests and the dev mailbox. */
export function codeLine(body: string): string | undefined {
  return body
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /^[0-9]{4,}$/.test(l) || /^[A-Z0-9]{4,}(-[A-Z0-9]{2,})*$/.test(l));
}

/** The latest mail of the outbox, newest first (the development mailbox at /dev/mailbox). */
export function latestMail(db: Executor, limit: number) {
  return recentOutbox(db, limit);
}
