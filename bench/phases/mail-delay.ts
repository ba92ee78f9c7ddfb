import { startSmtpSink } from '../../test/support/smtp-sink.js';
import { createEmployers, openBenchDatabase, type Db } from '../../test/support/seed.js';
import { runLoginLoad, type LoadResult } from '../lib/load.js';
import { startServiceProcess } from '../lib/service-process.js';
import type { Settings } from '../lib/settings.js';

/** How long a message takes at the relay (issue 10: "a relay that takes 100 ms a message"). */
export const RELAY_DELAY_MS = 100;

export interface MailDelayFigures {
  logins: LoadResult;
  /** OTP mails queued by the logins, and how many the relay accepted before the bound. */
  queued: number;
  accepted: number;
  /** From the login's commit (the row's created_at) to the relay's acceptance (sent_at), ms. */
  p50: number;
  p99: number;
  max: number;
  /** Seconds from the end of the login load until the outbox was empty. */
  drainS: number;
  /** The most messages the relay was receiving at one moment. */
  relayConcurrent: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * OTP mail delay at the hash-limit login rate: the login load of the endpoint phase (64 clients,
 * correct passwords, as fast as argon2 lets them through) against `mypage serve` whose SMTP_URL
 * is a real SMTP server on loopback that takes RELAY_DELAY_MS to accept each message. Each login
 * queues one OTP mail; its delay is the outbox row's sent_at − created_at (the service's clock:
 * the login's transaction, then the relay's 250). Mail still unsent when the drain bound runs out
 * counts at its age then (a lower bound), and as an error.
 */
export async function measureMailDelay(s: Settings, logFile: string): Promise<MailDelayFigures> {
  const d = await openBenchDatabase('sqlite');
  const sink = await startSmtpSink({ delayMs: RELAY_DELAY_MS });
  const ids = await createEmployers(d.db, 'mail-', s.accounts);
  const svc = await startServiceProcess({ kind: 'serve', databaseUrl: d.url, logFile, env: { SMTP_URL: sink.url } });
  try {
    const logins = await runLoginLoad(svc.url, ids, s);
    const loadEnded = Date.now();
    const unsent = () =>
      d.db
        .selectFrom('outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .limit(1)
        .execute();
    while ((await unsent()).length > 0 && Date.now() - loadEnded < s.mailDrainMs) await sleep(100);
    const drainS = (Date.now() - loadEnded) / 1000;
    return { logins, ...(await delays(d.db, Date.now())), drainS, relayConcurrent: sink.maxConcurrent() };
  } finally {
    await svc.stop();
    await sink.close();
    await d.drop();
  }
}

async function delays(db: Db, now: number) {
  const rows = await db.selectFrom('outbox').select(['created_at', 'sent_at']).execute();
  const ms = rows.map((r) => Number(r.sent_at ?? now) - Number(r.created_at)).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] ?? NaN;
  return {
    queued: rows.length,
    accepted: rows.filter((r) => r.sent_at !== null).length,
    p50: at(0.5),
    p99: at(0.99),
    max: ms.at(-1) ?? NaN,
  };
}
