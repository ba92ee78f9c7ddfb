import { startServiceProcess } from '../lib/service-process.js';
import type { Settings } from '../lib/settings.js';
import {
  benchEmployers,
  loginsUntil,
  pacedHeartbeats,
  STEADY_LOGIN_CLIENTS,
  steadyEmployers,
  type TimedLoad,
} from '../lib/volume-loads.js';
import { NATIONWIDE } from '../lib/volume-sizes.js';
import type { VolumeSizes } from '../lib/volume-sql.js';
import { loginIdOf } from '../lib/volume-table-accounts.js';

export interface FleetFigures {
  /** Heartbeats a second (a nationwide fleet beats once a minute). */
  perSecond: number;
  /** The fleet alone: what a beat costs when nothing else runs (item 5's p99). */
  heartbeatsAlone: TimedLoad;
  /** The fleet while the steady logins run (both share this box's two cores). */
  heartbeats: TimedLoad;
  loginsAlone: TimedLoad;
  loginsWithHeartbeats: TimedLoad;
}

/** Unmeasured load on both instances before the fleet's figures. */
const WARM_UP_MS = 5_000;
const after = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Issue 18, item 5: 5,000 terminals at one heartbeat a minute (≈ 83/s, open loop, alternating
 * between two `mypage serve` instances on one PostgreSQL): first alone, then while steady password
 * logins run through both (paced: `loginRate`), after the same logins alone. Locks the heartbeats
 * take (terminal row, nonce) must not show in the logins' p99.
 */
export async function fleetHeartbeats(
  firstUrl: string,
  databaseUrl: string,
  sizes: VolumeSizes,
  s: Settings,
  logFile: string,
  /** Logins a second over both instances (a share of the rate one instance reached on this set). */
  loginRate: number,
): Promise<FleetFigures> {
  const second = await startServiceProcess({
    kind: 'serve',
    databaseUrl,
    logFile,
    env: { AUDIT_RETENTION_DAYS: '36500' },
  });
  try {
    const urls = [firstUrl, second.url];
    const loginS = s.loginS * 2;
    const ids = benchEmployers(sizes.accounts, steadyEmployers(loginRate, 2 * loginS + 10), 1).map(loginIdOf);
    const steady = (stop: Promise<unknown>) =>
      loginsUntil(urls, ids, STEADY_LOGIN_CLIENTS, stop, loginS + 5, loginRate);
    const perSecond = NATIONWIDE.terminals / 60;
    // The second instance has just started: its pool connects and its paths compile on the first
    // requests, a stall of a few hundred ms that the open-loop beats (1 % of a minute's) read as
    // the p99. Both paths run unmeasured first.
    await pacedHeartbeats(urls, sizes.terminals, perSecond, after(WARM_UP_MS));
    await steady(after(WARM_UP_MS));
    const heartbeatsAlone = await pacedHeartbeats(urls, sizes.terminals, perSecond, after(loginS * 1000));
    const loginsAlone = await steady(after(loginS * 1000));
    const stop = after(loginS * 1000);
    const [loginsWithHeartbeats, heartbeats] = await Promise.all([
      steady(stop),
      pacedHeartbeats(urls, sizes.terminals, perSecond, stop),
    ]);
    return { perSecond, heartbeatsAlone, heartbeats, loginsAlone, loginsWithHeartbeats };
  } finally {
    await second.stop();
  }
}
