import { createServer } from 'node:net';
import { join } from 'node:path';
import { api } from '../../src-shared/api/routes.js';
import { staffApi } from '../../src-shared/staff-api/routes.js';
import type { Db } from '../../test/support/volume-service.js';
import { insertChallenges } from '../../test/support/seed.js';
import { runLoad, runLoginLoad, type LoadResult } from '../lib/load.js';
import { startServiceProcess, type ServiceProcess } from '../lib/service-process.js';
import type { Settings } from '../lib/settings.js';
import { openVolumeDatabase, type DatasetMeta } from '../lib/volume-dataset.js';
import { benchEmployers, runHeartbeats, staffCookie, STEADY_LOGIN_SHARE, type TimedLoad } from '../lib/volume-loads.js';
import { bigSizes, EMPTY_SIZES } from '../lib/volume-sizes.js';
import type { VolumeSizes } from '../lib/volume-sql.js';
import { accountIdOf, companyWordsOf, loginIdOf, officeOfAccount } from '../lib/volume-table-accounts.js';
import { webSessionCookie } from './endpoints.js';
import { retentionBacklog, type BacklogFigures } from './volume-backlog.js';
import { fleetHeartbeats, type FleetFigures } from './volume-fleet.js';

/** One data set's figures: the employer and kiosk paths (rates) and the staff pages (latency). */
export interface VolumeSetFigures {
  login: LoadResult;
  otp: LoadResult;
  home: LoadResult;
  heartbeat: TimedLoad;
  searchName: LoadResult;
  searchId: LoadResult;
  history: LoadResult;
  kiosks: LoadResult;
  audit: LoadResult;
  /** 監査ログ filtered to 職員の操作: a few rows among millions, through migration 0016's partial index. */
  auditStaff: LoadResult;
}
export interface VolumeDbFigures {
  sizes: VolumeSizes;
  /** The big set: built in this run or reused, how long its build took, how long the copy for this run took. */
  dataset: { built: boolean; buildSeconds: number; copySeconds: number };
  empty: VolumeSetFigures;
  big: VolumeSetFigures;
  fleet?: FleetFigures;
  backlog?: BacklogFigures;
}
export interface VolumeFigures {
  scale: number;
  sqlite?: VolumeDbFigures;
  postgres?: VolumeDbFigures;
}

/** Staff pages run by a few clerks, not a crowd: their latency is the figure, so two clients. */
const STAFF_CONNECTIONS = 2;
const STAFF_MAX = 400;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

/** `mypage serve` with its staff listener; the set's own retention off, so no sweep runs into a measure. */
export async function startVolumeService(url: string, logFile: string): Promise<ServiceProcess & { staffUrl: string }> {
  const port = await freePort();
  const svc = await startServiceProcess({
    kind: 'serve',
    databaseUrl: url,
    logFile,
    env: { STAFF_PORT: String(port), AUDIT_RETENTION_DAYS: '36500' },
  });
  return { ...svc, staffUrl: `http://127.0.0.1:${port}` };
}

async function staffPage(url: string, cookie: string, s: Settings): Promise<LoadResult> {
  const first = await fetch(url, { headers: { cookie } });
  if (first.status !== 200) throw new Error(`${url}: ${first.status} ${await first.text()}`);
  return runLoad({
    url,
    headers: { cookie },
    connections: STAFF_CONNECTIONS,
    durationS: s.cheapS,
    maxRequests: STAFF_MAX,
    expectStatus: 200,
  });
}

/** Every measure on one set, through one service process. */
async function measureSet(
  svc: { url: string; staffUrl: string },
  db: Db,
  sizes: VolumeSizes,
  s: Settings,
  drainMs: number,
): Promise<VolumeSetFigures> {
  const ks = benchEmployers(sizes.accounts);
  const ids = ks.map(loginIdOf);
  const [k0 = 1, k1 = 2] = ks;
  const login = await runLoginLoad(svc.url, ids, s);
  await new Promise((r) =>
    setTimeout(r, Math.max(drainMs, Math.ceil((1000 * s.loginConnections) / Math.max(login.rps, 1)))),
  );

  const challenges = await insertChallenges(db, loginIdOf(k0), s.otpChallenges + s.cheapConnections);
  let c = 0;
  const otp = await runLoad({
    url: svc.url + api.loginOtp.path,
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
  const cookie = await webSessionCookie(svc.url, db, loginIdOf(k1));
  const home = await runLoad({
    url: svc.url + api.home.path,
    headers: { cookie },
    connections: s.cheapConnections,
    durationS: s.cheapS,
    maxRequests: s.cheapMax,
    expectStatus: 200,
  });
  const heartbeat = await runHeartbeats(svc.url, sizes.terminals, { workers: 8, durationS: s.cheapS, max: s.cheapMax });

  const office = await staffCookie(db, 'office', officeOfAccount(k0, sizes.offices));
  const it = await staffCookie(db, 'it', null);
  const [first = '', second = ''] = companyWordsOf(k0);
  const search = (q: string) => `${svc.staffUrl}${staffApi.employerSearch.path}?q=${encodeURIComponent(q)}`;
  const found = (await (await fetch(search(loginIdOf(k0)), { headers: { cookie: office } })).json()) as {
    employers?: Array<{ ref: string }>;
  };
  if (!found.employers?.some((e) => e.ref === accountIdOf(k0))) throw new Error(`search by ID did not find ${k0}`);
  return {
    login,
    otp,
    home,
    heartbeat,
    searchName: await staffPage(search(`${first}${second.slice(0, 1)}`), office, s),
    searchId: await staffPage(search(loginIdOf(k0)), office, s),
    history: await staffPage(
      svc.staffUrl + staffApi.employerHistory.path.replace(':ref', encodeURIComponent(accountIdOf(k0))),
      office,
      s,
    ),
    kiosks: await staffPage(svc.staffUrl + staffApi.kiosks.path, it, s),
    audit: await staffPage(`${svc.staffUrl}${staffApi.audit.path}?limit=50`, it, s),
    auditStaff: await staffPage(`${svc.staffUrl}${staffApi.audit.path}?kind=staff&limit=50`, it, s),
  };
}

/**
 * Issue 18, items 1, 2 (bench half) and 5 on one database: the same measures on an empty set and
 * on the nationwide one, each through its own `mypage serve`; then, on the big set, the fleet's
 * heartbeats across two instances (PostgreSQL) and a retention backlog cleared under logins.
 */
export async function measureVolume(
  kind: 'sqlite' | 'postgres',
  scale: number,
  s: Settings,
  work: string,
  drainMs: number,
  say: (m: string) => void,
): Promise<VolumeDbFigures> {
  const sizes = bigSizes(kind, scale);
  say(`volume ${kind}: the empty set`);
  const emptyDb = await openVolumeDatabase(kind, EMPTY_SIZES, { cache: false });
  let empty: VolumeSetFigures;
  try {
    const svc = await startVolumeService(emptyDb.url, join(work, `volume-${kind}-empty.log`));
    try {
      empty = await measureSet(svc, emptyDb.db, EMPTY_SIZES, s, drainMs);
    } finally {
      await svc.stop();
    }
  } finally {
    await emptyDb.drop();
  }

  const t0 = performance.now();
  const big = await openVolumeDatabase(kind, sizes, { cache: true, say });
  const copySeconds = (performance.now() - t0) / 1000 - (big.built ? big.meta.buildSeconds : 0);
  say(
    `volume ${kind}: the big set (${sizes.accounts} employers, ${sizes.audit} audit rows; copy ${copySeconds.toFixed(0)} s)`,
  );
  try {
    const svc = await startVolumeService(big.url, join(work, `volume-${kind}-big.log`));
    let bigFigures: VolumeSetFigures;
    let fleet: FleetFigures | undefined;
    let backlog: BacklogFigures | undefined;
    try {
      bigFigures = await measureSet(svc, big.db, sizes, s, drainMs);
      const steady = STEADY_LOGIN_SHARE * bigFigures.login.rps;
      if (kind === 'postgres') {
        say(`volume postgres: a fleet of heartbeats across two instances while ${steady.toFixed(0)} logins/s run`);
        fleet = await fleetHeartbeats(svc.url, big.url, sizes, s, join(work, 'volume-postgres-2.log'), steady);
      }
      say(`volume ${kind}: a retention backlog cleared by \`mypage sweep\` while ${steady.toFixed(0)} logins/s run`);
      backlog = await retentionBacklog(svc.url, big, kind, scale, s, say, steady);
    } finally {
      await svc.stop();
    }
    return {
      sizes,
      dataset: { built: big.built, buildSeconds: big.meta.buildSeconds, copySeconds },
      empty,
      big: bigFigures,
      ...(fleet ? { fleet } : {}),
      ...(backlog ? { backlog } : {}),
    };
  } finally {
    await big.drop();
  }
}

export type { DatasetMeta };
