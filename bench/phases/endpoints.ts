import { api } from '../../src-shared/api/routes.js';
import { createMailbox } from '../../test/support/test-mailbox.js';
import { OTP_SUBJECT } from '../../test/support/sign-in.js';
import { enrollTerminals, insertChallenges, type Db } from '../../test/support/seed.js';
import { runLoad, runLoginLoad, type LoadResult } from '../lib/load.js';
import type { Settings } from '../lib/settings.js';
import { PASSWORD } from '../../test/support/passwords.js';

export interface EndpointFigures {
  login: LoadResult;
  /**
   * The service process's own CPU over the login phase and its drain (every thread: argon2's pool,
   * the event loop), per login the service completed (a challenge row each): compared with
   * argon2's CPU per hash, robust against the load generator sharing the cores.
   */
  loginCpu?: { cpuSeconds: number; logins: number; msPerLogin: number };
  otp: LoadResult;
  home: LoadResult;
  nonce: LoadResult;
  /** GET /api/v1/meta: every hook, header and log line of the service, no database (SQLite run only). */
  floor?: LoadResult;
  /**
   * Bare Fastify measured right before and right after each cheap phase (SQLite run only): each
   * phase is compared with the mean of its two neighbours, as the machine drifts within a run.
   */
  bareAround?: { otp: number; home: number; nonce: number; floor?: number; runs: number[] };
}

/**
 * The mix on one service process: password logins (argon2-bound), then the cheap endpoints —
 * a correct OTP on a fresh challenge each time (the whole success path: count the try, compare,
 * consume, create the session), GET /home with a live web session, and a kiosk nonce.
 */
export async function measureEndpoints(
  url: string,
  db: Db,
  ids: string[],
  s: Settings,
  drainMs: number,
  opts: { floor?: boolean; bare?: () => Promise<LoadResult>; cpuSeconds?: () => number } = {},
): Promise<EndpointFigures> {
  const challengesBefore = await countChallenges(db);
  const cpuBefore = opts.cpuSeconds?.();
  const login = await runLoginLoad(url, ids, s);
  // Logins still queued for argon2 when the load stopped (one per connection) must not run into
  // the next phase: wait as long as they take at the rate just seen, at least drainMs.
  await sleep(Math.max(drainMs, Math.ceil((1000 * s.loginConnections) / Math.max(login.rps, 1)) + 500));
  // Those drained logins used CPU too, so the logins counted are the service's: one challenge each.
  const logins = (await countChallenges(db)) - challengesBefore;
  const cpuSeconds = opts.cpuSeconds && cpuBefore !== undefined ? opts.cpuSeconds() - cpuBefore : undefined;
  const loginCpu =
    cpuSeconds === undefined
      ? undefined
      : { cpuSeconds, logins, msPerLogin: (1000 * cpuSeconds) / Math.max(logins, 1) };

  const bareRuns: number[] = [];
  const bare = async () => {
    if (opts.bare) bareRuns.push((await opts.bare()).rps);
  };
  const around = (k: number) => ((bareRuns[k] ?? 0) + (bareRuns[k + 1] ?? 0)) / 2;

  // A margin of one per connection: requests already sent when the count stops the load.
  const challenges = await insertChallenges(db, ids[0] ?? '', s.otpChallenges + s.cheapConnections);
  let c = 0;
  await bare();
  const otp = await runLoad({
    url: url + api.loginOtp.path,
    method: 'POST',
    nextBody: () => {
      const next = challenges[c++ % challenges.length];
      return { challenge: next?.challenge, otp: next?.otp, rememberDevice: false };
    },
    connections: s.cheapConnections,
    durationS: s.cheapS,
    maxRequests: s.otpChallenges,
    expectStatus: 200,
  });

  const cookie = await webSessionCookie(url, db, ids[1] ?? '');
  await bare();
  const home = await runLoad({
    url: url + api.home.path,
    headers: { cookie },
    connections: s.cheapConnections,
    durationS: s.cheapS,
    maxRequests: s.cheapMax,
    expectStatus: 200,
  });

  const [terminal] = await enrollTerminals(db, url, 1);
  await bare();
  const nonce = await runLoad({
    url: url + api.kioskNonce.path,
    method: 'POST',
    body: { terminalId: terminal?.terminalId },
    connections: s.cheapConnections,
    durationS: s.cheapS,
    maxRequests: s.cheapMax,
    expectStatus: 200,
  });
  await bare();
  // The service's own floor: what any answer costs here before the endpoint does its work.
  const floor = opts.floor
    ? await runLoad({
        url: url + api.meta.path,
        connections: s.cheapConnections,
        durationS: s.cheapS,
        maxRequests: s.cheapMax,
        expectStatus: 200,
      })
    : undefined;
  if (floor) await bare();
  const bareAround = opts.bare
    ? { otp: around(0), home: around(1), nonce: around(2), ...(floor ? { floor: around(3) } : {}), runs: bareRuns }
    : undefined;
  return {
    login,
    ...(loginCpu ? { loginCpu } : {}),
    otp,
    home,
    nonce,
    ...(floor ? { floor } : {}),
    ...(bareAround ? { bareAround } : {}),
  };
}

async function countChallenges(db: Db): Promise<number> {
  const row = await db
    .selectFrom('login_challenges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A web session the way a browser gets one: password, the mailed OTP (read from the outbox), cookie. */
export async function webSessionCookie(url: string, db: Db, id: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify(body),
    });
  const login = (await (await post(api.login.path, { id, password: PASSWORD })).json()) as { challenge: string };
  const otp = await createMailbox(db, undefined).latestCode(id, OTP_SUBJECT);
  const done = await post(api.loginOtp.path, { challenge: login.challenge, otp, rememberDevice: false });
  if (done.status !== 200) throw new Error(`otp: ${done.status} ${await done.text()}`);
  const cookie = done.headers
    .getSetCookie()
    .map((l) => l.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}
