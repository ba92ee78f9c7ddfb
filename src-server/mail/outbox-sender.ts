import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Db } from '../db/schema.js';
import { claimOutbox, dueOutbox, markFailed, markSent, type OutboxRow } from './outbox.repository.js';

export interface OutboxSenderOptions {
  db: Db;
  clock: Clock;
  smtpUrl: string;
  from: string;
  log: FastifyBaseLogger;
  /** How often to look for due mail (real time). The retry backoff itself reads the clock. */
  pollMs?: number;
}

/** How long one send may take before another process may retry the row. */
const LEASE_MS = 2 * 60_000;

/** 5 s, 10 s, 20 s, … capped at 10 minutes: a down SMTP server delays mail, it never loses it. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

/**
 * Delivers the outbox over SMTP, retrying with backoff until the server accepts each mail.
 * Delivery is at least once: a crash between the server's acceptance and markSent sends it again.
 */
export function createOutboxSender(o: OutboxSenderOptions) {
  const url = new URL(o.smtpUrl);
  // Short timeouts: a dead server should fail the attempt quickly and leave it to the backoff.
  for (const [k, v] of [['connectionTimeout', '10000'], ['greetingTimeout', '10000'], ['socketTimeout', '30000']] as const) {
    if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  }
  const transport = nodemailer.createTransport(url.toString());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;

  async function sendOne(row: OutboxRow): Promise<void> {
    const now = o.clock.now().getTime();
    if (!(await claimOutbox(o.db, row, now + LEASE_MS))) return; // another process has it
    try {
      await transport.sendMail({ from: o.from, to: row.to_address, subject: row.subject, text: row.body });
      await markSent(o.db, row.id, o.clock.now().getTime());
      o.log.info({ mailId: row.id, subject: row.subject }, 'mail sent');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await markFailed(o.db, row.id, o.clock.now().getTime() + backoffMs(row.attempts + 1), message);
      o.log.warn({ mailId: row.id, attempts: row.attempts + 1, err: message }, 'mail not sent; will retry');
    }
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      const due = await dueOutbox(o.db, o.clock.now().getTime(), 20);
      for (const row of due) {
        if (stopped) return;
        await sendOne(row);
      }
      if (due.length === 20) again = true;
    } while (again && !stopped);
  }

  /** Runs one pass now (or right after the one in progress). */
  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      .catch((err: unknown) => o.log.error({ err }, 'outbox pass failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void kick().finally(schedule);
    }, o.pollMs ?? 1_000);
    timer.unref();
  }

  return {
    start(): void {
      schedule();
      void kick();
    },
    kick,
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
