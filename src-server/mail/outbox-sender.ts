import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Dialect } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { claimNextOutbox, isDropped, markFailed, markRetry, markSent, type OutboxRow } from './outbox.repository.js';
import { describeSmtpError, isPermanentRefusal } from './smtp-errors.js';

export interface OutboxSenderOptions {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  /** Without it (development: the dev mailbox), only the decoys' dropped rows are completed. */
  smtpUrl: string | undefined;
  from: string;
  log: FastifyBaseLogger;
  /** Pooled SMTP connections, and so mails in flight at once (SMTP_MAX_CONNECTIONS). */
  maxConnections: number;
  /** How often to look for due mail (real time). The retry backoff itself reads the clock. */
  pollMs?: number;
}

/** How long one send may take before another sender may retry the row (far above socketTimeout). */
export const LEASE_MS = 2 * 60_000;

/** Mails one pooled connection carries before it is replaced (nodemailer's default). */
const MAX_MESSAGES_PER_CONNECTION = 100;

/** 5 s, 10 s, 20 s, … capped at 10 minutes: a down SMTP server delays mail, it never loses it. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

/**
 * Delivers the outbox over pooled SMTP connections, `maxConnections` mails in flight at once: a
 * relay that takes 100 ms a message is no longer the bound on how fast OTP mails leave
 * (docs/performance.md). Each worker claims one due row at a time (outbox.repository.ts), so
 * several instances share the work and each row goes to exactly one of them. A temporary failure
 * (4xx, connection) is retried with back-off; a permanent refusal (5xx) is recorded as failed.
 * Delivery is at least once: a crash between the server's acceptance and markSent sends it again
 * after the lease. Bodies are never logged (they carry codes): only ids, subjects and SMTP replies.
 */
export function createOutboxSender(o: OutboxSenderOptions) {
  const transport = o.smtpUrl ? smtpTransport(o, o.smtpUrl) : undefined;
  const deliver = createDelivery(o, transport);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let active = 0;
  let kicks = 0;
  let idle: Promise<void> = Promise.resolve();
  let resolveIdle: (() => void) | undefined;

  /**
   * One worker: claims and delivers due rows until none is left and no kick came meanwhile. A
   * worker that found a row starts another (up to maxConnections), so a backlog fans out to every
   * pooled connection while a quiet outbox costs one claim query a kick.
   */
  async function work(): Promise<void> {
    try {
      while (!stopped) {
        const seen = kicks;
        const now = o.clock.now().getTime();
        const row = await claimNextOutbox(o.db, o.dialect, now, now + LEASE_MS, transport ? 'all' : 'dropped');
        if (!row) {
          if (seen === kicks) return; // nothing due, and nothing queued since the claim began
          continue;
        }
        spawn();
        await deliver(row);
      }
    } catch (err) {
      o.log.error(
        { err: err instanceof Error ? err.message : String(err) },
        'outbox pass failed; the next poll tries again',
      );
    } finally {
      if (--active === 0) resolveIdle?.();
    }
  }

  function spawn(): void {
    if (stopped || active >= o.maxConnections) return;
    if (active === 0) idle = new Promise((resolve) => (resolveIdle = resolve));
    active++;
    void work();
  }

  /** Looks for due mail now; resolves when every worker has run out of it. */
  function kick(): Promise<void> {
    kicks++;
    spawn();
    return idle;
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
      await idle;
      transport?.close();
    },
  };
}

/** Sends one claimed row and records what came of it (sent, retry later, or refused for good). */
function createDelivery(o: OutboxSenderOptions, transport: ReturnType<typeof smtpTransport> | undefined) {
  // A decoy's mail is composed like a real one (the same MIME build) and written to nowhere,
  // so what follows a request for an unknown ID costs what follows one for a known ID.
  const nowhere = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return async function deliver(row: OutboxRow): Promise<void> {
    const claimedAt = o.clock.now().getTime();
    try {
      if (isDropped(row) || !transport) {
        await nowhere.sendMail({ from: o.from, to: 'nobody@invalid', subject: row.subject, text: row.body });
        await markSent(o.db, row.id, o.clock.now().getTime());
        return;
      }
      await transport.sendMail({ from: o.from, to: row.to_address, subject: row.subject, text: row.body });
      const now = o.clock.now().getTime();
      await markSent(o.db, row.id, now);
      // Where a late mail's time went: waiting to be claimed (the sender), or at the relay (SMTP).
      o.log.info(
        {
          mailId: row.id,
          subject: row.subject,
          attempts: row.attempts,
          waitedMs: claimedAt - row.next_attempt_at,
          smtpMs: now - claimedAt,
        },
        'mail sent',
      );
    } catch (err) {
      await recordFailure(o, row, err);
    }
  };
}

/** A 5xx refusal is final; anything else (4xx, connection) is retried after backoffMs. */
async function recordFailure(o: OutboxSenderOptions, row: OutboxRow, err: unknown): Promise<void> {
  const reason = describeSmtpError(err);
  if (isPermanentRefusal(err)) {
    await markFailed(o.db, row.id, o.clock.now().getTime(), reason);
    o.log.error(
      { mailId: row.id, subject: row.subject, attempts: row.attempts, reason },
      'mail refused for good; not retried',
    );
    return;
  }
  const next = o.clock.now().getTime() + backoffMs(row.attempts);
  await markRetry(o.db, row.id, next, reason);
  o.log.warn(
    { mailId: row.id, attempts: row.attempts, reason, retryAt: new Date(next).toISOString() },
    'mail not sent; will retry',
  );
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;

/** Pooled SMTP: `maxConnections` mails in flight at once. */
function smtpTransport(o: OutboxSenderOptions, url: string) {
  return nodemailer.createTransport({
    // Short timeouts: a dead server should fail the attempt quickly and leave it to the back-off.
    // Options in SMTP_URL's query (e.g. ?socketTimeout=60000) win over these.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    pool: true,
    maxConnections: o.maxConnections,
    maxMessages: MAX_MESSAGES_PER_CONNECTION,
    url,
  });
}
