import { api } from '../../src-shared/api/routes.js';
import { allowConnections, terminateBackends } from '../../test/support/postgres.js';
import { openBenchDatabase } from '../../test/support/seed.js';
import { startServiceProcess } from '../lib/service-process.js';

/** How long the database refuses connections (a restart, a failover). */
export const OUTAGE_MS = 2_000;
/** An answer slower than this during the outage counts as hanging (the "within ~3 s"). */
const ANSWER_BOUND_MS = 3_000;

export interface DbDropFigures {
  /** From the database accepting connections again to the service's first answer that read it, s. */
  recoverS: number;
  /** Answers during the outage: 503s, anything else (500, a hang), and the slowest, ms. */
  outage503: number;
  outageOther: number;
  outageSlowestMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `mypage serve` on PostgreSQL; every backend of its database is terminated and new connections
 * are refused for OUTAGE_MS (ALTER DATABASE … ALLOW_CONNECTIONS false: a client-side fault on the
 * bench's own database, never the server), then allowed again. A probe that reads the database
 * (POST kiosk/nonce for an unknown terminal: 401 when the database answers, 503 when it does not)
 * runs back to back throughout.
 */
export async function measureDbDrop(logFile: string): Promise<DbDropFigures> {
  const d = await openBenchDatabase('postgres');
  const name = new URL(d.url).pathname.slice(1);
  const svc = await startServiceProcess({ kind: 'serve', databaseUrl: d.url, logFile });
  const probe = async (): Promise<{ status: number; ms: number }> => {
    const t = performance.now();
    try {
      const r = await fetch(svc.url + api.kioskNonce.path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ terminalId: 'bench-no-such-terminal' }),
        signal: AbortSignal.timeout(10_000),
      });
      await r.arrayBuffer();
      return { status: r.status, ms: performance.now() - t };
    } catch {
      return { status: 0, ms: performance.now() - t };
    }
  };
  try {
    if ((await probe()).status !== 401) throw new Error('the service does not answer before the drop');
    await allowConnections(name, false);
    let outage503 = 0;
    let outageOther = 0;
    let outageSlowestMs = 0;
    try {
      await terminateBackends(name);
      const until = performance.now() + OUTAGE_MS;
      while (performance.now() < until) {
        const r = await probe();
        outageSlowestMs = Math.max(outageSlowestMs, r.ms);
        if (r.status === 503 && r.ms <= ANSWER_BOUND_MS) outage503++;
        else outageOther++;
      }
    } finally {
      await allowConnections(name, true);
    }
    const back = performance.now();
    for (;;) {
      const r = await probe();
      if (r.status === 401) break;
      if (performance.now() - back > 60_000)
        throw new Error('the service did not answer within 60 s of the database coming back');
      await sleep(20);
    }
    return { recoverS: (performance.now() - back) / 1000, outage503, outageOther, outageSlowestMs };
  } finally {
    await svc.stop();
    await d.drop();
  }
}
