import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Settings } from '../lib/settings.js';
import type { VolumeDatabase } from '../lib/volume-dataset.js';
import {
  benchEmployers,
  loginsUntil,
  STEADY_LOGIN_CLIENTS,
  steadyEmployers,
  type TimedLoad,
} from '../lib/volume-loads.js';
import { AUDIT_DAYS, DAY_MS, fillTable, type FillContext } from '../lib/volume-sql.js';
import { backlogColumns } from '../lib/volume-table-audit.js';
import { loginIdOf } from '../lib/volume-table-accounts.js';

/** Issue 18, item 2: expired audit rows on each database (SQLite too: the figure), times BENCH_VOLUME_SCALE. */
export const BACKLOG_ROWS = 2_000_000;
/** The sweep must finish within this, or the figure is a failure. */
const SWEEP_MAX_S = 900;

export interface BacklogFigures {
  rows: number;
  insertSeconds: number;
  /** The sweep's own time (it prints it), and from `mypage sweep` starting to its exit; what it printed. */
  sweepSeconds: number;
  processSeconds: number;
  sweepExit: number | null;
  sweepOutput: string;
  without: TimedLoad;
  during: TimedLoad;
}

const SERVICE_ROOT = process.env.BENCH_SERVICE_ROOT ?? join(import.meta.dirname, '..', '..');

/** `mypage sweep` in a process of its own beside the serving instance, as an operator would run it. */
function runSweep(databaseUrl: string, retentionDays: number) {
  return new Promise<{ code: number | null; output: string; seconds: number }>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli/main.ts', 'sweep'], {
      cwd: SERVICE_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        AUDIT_RETENTION_DAYS: String(retentionDays),
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), SWEEP_MAX_S * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.trim().slice(-2000), seconds: (performance.now() - started) / 1000 });
    });
  });
}

const after = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Adds a backlog of expired audit rows to the big set (older than anything the set holds), then:
 * steady logins alone, and steady logins while `mypage sweep` clears the backlog. The slowest
 * login during the sweep is compared with the p99 without it.
 */
export async function retentionBacklog(
  url: string,
  v: VolumeDatabase,
  kind: 'sqlite' | 'postgres',
  scale: number,
  s: Settings,
  say: (m: string) => void,
  /** Logins a second (a share of the rate this set reached). */
  loginRate: number,
): Promise<BacklogFigures> {
  const rows = Math.max(1, Math.round(BACKLOG_ROWS * scale));
  const now = Date.now();
  // Retention that keeps every row of the set (made within AUDIT_DAYS of its build) and none of the backlog.
  const retentionDays = AUDIT_DAYS + Math.ceil((now - v.meta.builtAt) / DAY_MS);
  const cutoff = now - retentionDays * DAY_MS;
  const c: FillContext = { d: kind, now, sizes: v.meta.sizes, passwordHash: '' };
  const t0 = performance.now();
  await fillTable(
    v.db,
    c,
    { table: 'audit_events', rows: () => rows, columns: () => ({}) },
    { rows, columns: backlogColumns(c, rows, cutoff - DAY_MS), chunk: 200_000 },
  );
  const insertSeconds = (performance.now() - t0) / 1000;
  say(`  ${rows} expired audit rows added in ${insertSeconds.toFixed(0)} s; logins alone, then with the sweep`);

  const loginS = s.loginS * 2;
  const ids = benchEmployers(v.meta.sizes.accounts, steadyEmployers(loginRate, loginS + SWEEP_MAX_S), 2).map(loginIdOf);
  const steady = (stop: Promise<unknown>, maxS: number) =>
    loginsUntil([url], ids, STEADY_LOGIN_CLIENTS, stop, maxS, loginRate);
  const without = await steady(after(loginS * 1000), loginS + 5);
  let finished: () => void = () => undefined;
  const sweepDone = new Promise<void>((r) => (finished = r));
  const during = steady(sweepDone, SWEEP_MAX_S + 60);
  await after(1_000); // the logins are under way when the sweep starts
  const sweep = await runSweep(v.url, retentionDays);
  await after(1_000); // and go on a moment after it ends
  finished();
  say(`  sweep: exit ${sweep.code} after ${sweep.seconds.toFixed(1)} s: ${sweep.output.split('\n').at(-1) ?? ''}`);
  return {
    rows,
    insertSeconds,
    sweepSeconds: Number(/swept in ([0-9.]+) s/.exec(sweep.output)?.[1] ?? NaN),
    processSeconds: sweep.seconds,
    sweepExit: sweep.code,
    sweepOutput: sweep.output,
    without,
    during: await during,
  };
}
