import { codeLine } from '../../src-server/mail/mail.service.js';
import { recentOutbox } from '../../src-server/mail/outbox.repository.js';
import type { Db } from '../../src-server/db/schema.js';
import type { Mail } from './smtp-sink.js';

export interface TestMailbox {
  /** Every mail received so far, oldest first. */
  messages(): Mail[];
  /**
   * The newest mail to `to` (and with `subject`), once every mail queued so far has left the
   * outbox — so after a request returns, its mail is the one found, not an older one.
   */
  waitFor(opts: { to: string; subject?: string; timeoutMs?: number }): Promise<Mail>;
  /** The line of that mail that stands alone: the OTP or the 認証キー. */
  latestCode(to: string, subject?: string): Promise<string>;
}

/**
 * How many mails to `to` with `subject` the outbox holds to go out, queued or sent (a decoy's
 * dropped mail has no address, so it is never counted): what a test asserts of mail that must
 * go once, or not at all.
 */
export async function countMails(db: Db, to: string, subject: string): Promise<number> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('to_address', '=', to)
    .where('subject', '=', subject)
    .execute();
  return rows.length;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads mail from the SMTP sink, or — without SMTP — from the outbox (the dev mailbox).
 * Polling here is real time on purpose: mail leaves on a real socket, not on the test clock.
 */
export function createMailbox(db: Db, received: Mail[] | undefined): TestMailbox {
  let fromOutbox: Mail[] = [];

  async function refresh(): Promise<boolean> {
    if (received) {
      const pending = await db
        .selectFrom('outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .limit(1)
        .execute();
      return pending.length === 0;
    }
    const rows = await recentOutbox(db, 1000);
    fromOutbox = rows.reverse().map((r) => ({
      from: '',
      to: r.to_address,
      subject: r.subject,
      text: r.body,
      receivedAt: new Date(r.created_at),
    }));
    return true;
  }
  const all = () => received ?? fromOutbox;
  const matches = (m: Mail, to: string, subject?: string) =>
    m.to.toLowerCase().includes(to.toLowerCase()) && (subject === undefined || m.subject === subject);

  const mailbox: TestMailbox = {
    messages: () => [...all()],
    async waitFor({ to, subject, timeoutMs = 10_000 }) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const drained = await refresh();
        const found = drained
          ? all()
              .filter((m) => matches(m, to, subject))
              .at(-1)
          : undefined;
        if (found) return found;
        if (Date.now() > until)
          throw new Error(`no mail to ${to}${subject ? ` with subject ${subject}` : ''} within ${timeoutMs} ms`);
        await sleep(20);
      }
    },
    async latestCode(to, subject) {
      const mail = await mailbox.waitFor({ to, ...(subject ? { subject } : {}) });
      const code = codeLine(mail.text);
      if (!code) throw new Error(`no code line in the mail "${mail.subject}" to ${to}`);
      return code;
    },
  };
  return mailbox;
}
