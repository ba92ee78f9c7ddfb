import { api } from '../../src-shared/api/routes.js';
import { R_LOGIN_3_MAX_FAILED_PASSWORDS } from '../../src-shared/rules.js';
import type { Db } from '../../test/support/seed.js';
import { runLoads, type LoadResult } from '../lib/load.js';
import type { Settings } from '../lib/settings.js';
import { PASSWORD } from '../../test/support/passwords.js';

export interface ScaleOutFigures {
  two: LoadResult;
  lockout: { exact: boolean; failures: number; answers401: number; answers423: number; other: number; tries: number };
}

/**
 * Password logins spread over two service processes on one PostgreSQL (the same total number of
 * clients as the one-process run), while a victim ID gets wrong passwords through both processes
 * at once. R-LOGIN-3 must stay exact: five counted failures, so four 401 answers and then 423
 * (the fifth wrong try locks), whatever the interleaving.
 */
export async function scaleOut(
  urls: [string, string],
  db: Db,
  ids: string[],
  victim: string,
  s: Settings,
  drainMs: number,
): Promise<ScaleOutFigures> {
  let i = 0;
  const load = (url: string) => ({
    url: url + api.login.path,
    method: 'POST' as const,
    nextBody: () => ({ id: ids[i++ % ids.length], password: PASSWORD }),
    connections: s.loginConnections / 2,
    durationS: s.loginS,
    maxRequests: s.loginMax / 2,
    expectStatus: 200,
  });
  const running = runLoads(urls.map(load));
  await new Promise((r) => setTimeout(r, 1_000)); // the victim is hammered in the middle of the run
  const statuses = await Promise.all(
    Array.from({ length: s.victimTries }, async (_, n) => {
      const res = await fetch((urls[n % 2] ?? '') + api.login.path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: victim, password: `Wrong-${n}-Passw0rd` }),
      });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  const two = await running;
  await new Promise((r) => setTimeout(r, drainMs)); // let queued logins finish before counting
  const row = await db.selectFrom('login_failures').selectAll().where('login_id', '=', victim).executeTakeFirst();
  const failures = row?.failures ?? 0;
  const answers401 = statuses.filter((x) => x === 401).length;
  const answers423 = statuses.filter((x) => x === 423).length;
  const max = R_LOGIN_3_MAX_FAILED_PASSWORDS;
  const exact =
    failures === max && row?.locked_until != null && answers401 === max - 1 && answers423 === s.victimTries - (max - 1);
  return {
    two,
    lockout: {
      exact,
      failures,
      answers401,
      answers423,
      other: statuses.length - answers401 - answers423,
      tries: statuses.length,
    },
  };
}
