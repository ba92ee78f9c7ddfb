import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import playwrightConfig from '../playwright.config.js';
import { postgresSkipReason } from '../test/support/databases.js';
import { measureArgon2Limit } from './lib/argon2-limit.js';
import { createEmployers, enrollTerminals, openBenchDatabase, type BenchDatabase } from '../test/support/seed.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { describeMachine, formatTable, loadAverage, type BenchResult, type Row } from './lib/report.js';
import { endpointRows, type Figures } from './lib/rows.js';
import { startServiceProcess } from './lib/service-process.js';
import { settings as s } from './lib/settings.js';
import { terminalBurst } from './phases/burst.js';
import { measureEndpoints } from './phases/endpoints.js';
import { measureDbDrop } from './phases/db-drop.js';
import { measureMailDelay } from './phases/mail-delay.js';
import { scaleOut } from './phases/scale-out.js';
import { buildScreens, timeToLoginForm } from './phases/screens.js';
import { timeIdleWipe } from './phases/wipe.js';
import { measureVolume, type VolumeFigures } from './phases/volume.js';
import { postgresAnswers } from './lib/volume-dataset.js';
import { volumeRows } from './lib/volume-rows.js';
import { volumeScale } from './lib/volume-sizes.js';

/**
 * `npm run bench`: every figure against a limit measured in this same run. Prints one table and
 * writes bench/results/latest.json (`npm run bench:check` judges it). Loopback only.
 * BENCH_ONLY=service or BENCH_ONLY=screens runs one half (e.g. to re-measure after a fix);
 * BENCH_ONLY=mail only the OTP mail delay (with the hash limit it is run at); BENCH_ONLY=db-drop
 * only the time from a dropped database to answering again; BENCH_ONLY=endpoints only the hash limit
 * and the endpoints (login with its CPU per login, OTP, home, nonce) on each database; BENCH_ONLY=volume
 * only the volume phase (a nationwide data set against an empty one; BENCH_VOLUME_SCALE shrinks it
 * for a smoke run).
 */
const started = performance.now();
const startedAt = new Date().toISOString();
const loadBefore = loadAverage();
const work = mkdtempSync(join(tmpdir(), 'mypage-bench-'));
const f: Figures = {};
const only = process.env.BENCH_ONLY;
// BENCH_ONLY=endpoints: the hash limit and the endpoints phase on each database, nothing else.
const endpointsOnly = only === 'endpoints';
const say = (m: string) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${m}`);

/** A phase that throws becomes a failed row (bench:check fails) and the run goes on. */
async function phase(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    say(`${name} FAILED: ${String(err)}`);
    (f.failed ??= []).push(`${name}: ${String(err).slice(0, 300)}`);
  }
}

async function serviceHalf(): Promise<void> {
  say(`hash limit: argon2id on every core for ${s.argon2Ms / 1000} s`);
  const limit = await measureArgon2Limit(s.argon2Ms);
  f.argon2 = limit;

  say('bare Fastify "hello" in its own process');
  const bare = await startServiceProcess({ kind: 'bare', logFile: join(work, 'bare.log') });
  try {
    const measureBare = () =>
      runLoad({
        url: `${bare.url}/hello`,
        connections: s.cheapConnections,
        durationS: s.cheapS,
        maxRequests: s.cheapMax,
        expectStatus: 200,
      });
    f.bare = await measureBare();
    // Logins left queued for argon2 when a load stops: at most one per connection.
    const drainMs = Math.ceil((1000 * s.loginConnections) / limit.perSecond) + 500;
    await phase('sqlite', () => measureOn('sqlite', drainMs, measureBare));
    await bare.stop();
    if (!endpointsOnly) await phase('mail', mailPhase);
    if (postgresSkipReason) {
      say(`PostgreSQL skipped: ${postgresSkipReason}`);
      f.postgresSkipped = postgresSkipReason;
    } else {
      await phase('postgres', () => measureOn('postgres', drainMs));
      if (!endpointsOnly) await phase('db-drop', dbDropPhase);
    }
  } finally {
    await bare.stop();
  }
}

async function mailPhase(): Promise<void> {
  say(
    `mail: logins at the hash limit, OTP mails to a relay that takes 100 ms a message (mypage serve, SMTP on loopback)`,
  );
  f.mail = await measureMailDelay(s, join(work, 'mail.log'));
}

async function dbDropPhase(): Promise<void> {
  say('database drop: PostgreSQL backends terminated and connections refused for 2 s, then allowed (mypage serve)');
  f.dbDrop = await measureDbDrop(join(work, 'db-drop.log'));
}

async function measureOn(kind: BenchDatabase, drainMs: number, measureBare?: () => Promise<LoadResult>): Promise<void> {
  const d = await openBenchDatabase(kind);
  const ids = await createEmployers(d.db, `${kind}-`, s.accounts);
  const svc = await startServiceProcess({ kind: 'serve', databaseUrl: d.url, logFile: join(work, `${kind}-1.log`) });
  try {
    say(
      `${kind}: logins, then OTP, home and nonce${measureBare ? ', each between two bare Fastify runs' : ''} (mypage serve, pid ${svc.pid})`,
    );
    f[kind] = await measureEndpoints(svc.url, d.db, ids, s, drainMs, {
      floor: kind === 'sqlite',
      cpuSeconds: () => svc.cpuSeconds(),
      ...(measureBare ? { bare: measureBare } : {}),
    });
    if (endpointsOnly) return;
    if (kind === 'sqlite') {
      say(`${kind}: enrolling ${s.burstTerminals} terminals, then all log in at once`);
      const terminals = await enrollTerminals(d.db, svc.url, s.burstTerminals);
      f.rssBeforeBurst = svc.rssBytes();
      f.burst = await terminalBurst(svc.url, terminals, ids);
      f.rssAfterBurst = svc.rssBytes();
    } else {
      say(`${kind}: a second process; logins through both while a victim is hammered`);
      const [victim = ''] = await createEmployers(d.db, 'victim-', 1);
      const second = await startServiceProcess({
        kind: 'serve',
        databaseUrl: d.url,
        logFile: join(work, `${kind}-2.log`),
      });
      try {
        f.scaleOut = await scaleOut([svc.url, second.url], d.db, ids, victim, s, drainMs);
      } finally {
        await second.stop();
      }
    }
  } finally {
    await svc.stop();
    await d.drop();
  }
}

/** Issue 18: the nationwide data set against an empty one, the fleet's heartbeats, a retention backlog. */
let volume: VolumeFigures | undefined;
async function volumePhase(): Promise<void> {
  const scale = volumeScale();
  volume = { scale };
  const drainMs = 5_000;
  // BENCH_VOLUME_DB=sqlite or =postgres: one database only (e.g. to re-measure after a fix).
  const on = process.env.BENCH_VOLUME_DB;
  if (on !== 'postgres')
    await phase('volume sqlite', async () => {
      if (volume) volume.sqlite = await measureVolume('sqlite', scale, s, work, drainMs, say);
    });
  if (on === 'sqlite') return;
  if (postgresSkipReason && !(await postgresAnswers())) say(`volume on PostgreSQL skipped: ${postgresSkipReason}`);
  else
    await phase('volume postgres', async () => {
      if (volume) volume.postgres = await measureVolume('postgres', scale, s, work, drainMs, say);
    });
}

async function screensHalf(): Promise<void> {
  say('screens: production build, then Chromium');
  const rendererDir = join(work, 'renderer');
  f.sizes = buildScreens(rendererDir);
  const browser = await chromium.launch({ ...playwrightConfig.use?.launchOptions });
  try {
    await phase('login form', async () => {
      f.loginForm = await timeToLoginForm(browser, rendererDir, s.screenRuns);
    });
    say('kiosk host: idle timeout → wipe → clean login');
    await phase('wipe', async () => {
      f.wipe = await timeIdleWipe(browser, rendererDir, s.wipeRuns);
    });
  } finally {
    await browser.close();
  }
}

if (only === 'mail') {
  // The mail phase alone (e.g. its before/after): the hash limit, then the phase.
  f.argon2 = await measureArgon2Limit(s.argon2Ms);
  await phase('mail', mailPhase);
} else if (only === 'db-drop') {
  await phase('db-drop', dbDropPhase);
} else if (only === 'volume') {
  await volumePhase();
} else {
  if (only !== 'screens') await phase('service', serviceHalf);
  if (only !== 'service' && !endpointsOnly) await phase('screens', screensHalf);
  if (!only) await volumePhase();
}

const rows: Row[] = [...endpointRows(f, s), ...volumeRows(volume)];
const result: BenchResult = {
  startedAt,
  commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim(),
  serviceRoot: process.env.BENCH_SERVICE_ROOT ?? 'this checkout',
  seconds: Math.round((performance.now() - started) / 1000),
  machine: describeMachine(),
  load: { before: loadBefore, after: loadAverage() },
  rows,
  details: { settings: s, ...f, ...(volume ? { volume } : {}) },
};
console.log(`\n${formatTable(rows)}\n`);
console.log(
  `${result.seconds} s; ${result.machine.cpus} × ${result.machine.model}; load average before ${loadBefore.join(' ')}, after ${result.load.after.join(' ')}${s.quick ? '; QUICK run (smoke only)' : ''}`,
);
// BENCH_OUT keeps a run apart (e.g. the "before" of a fix); bench:check reads latest.json.
const out = process.env.BENCH_OUT ?? join(import.meta.dirname, 'results', 'latest.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`written: ${out}`);
rmSync(work, { recursive: true, force: true });
