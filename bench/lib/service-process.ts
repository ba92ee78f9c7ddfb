import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A service in a process of its own, so the load generator never shares its event loop.
 * `serve` runs the real `mypage serve` (src-server/cli/main.ts through tsx, as bin/mypage.js does);
 * `bare` runs bench/lib/bare-fastify.ts. Output goes to a log file (as under a service manager),
 * and the process prints its URL there first.
 */
export interface ServiceProcess {
  url: string;
  pid: number;
  /** Resident set size in bytes, read from /proc (Linux). */
  rssBytes(): number;
  /** CPU seconds the process has used so far, user + system, every thread (argon2's too), from /proc. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

// BENCH_SERVICE_ROOT runs the service from another checkout (e.g. `git archive` of an older
// commit with node_modules linked): before/after figures from the same bench.
const MAIN = join(import.meta.dirname, '..', '..');
const SERVICE_ROOT = process.env.BENCH_SERVICE_ROOT ?? MAIN;

export async function startServiceProcess(opts: {
  kind: 'serve' | 'bare';
  databaseUrl?: string;
  logFile: string;
  env?: Record<string, string>;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=…'] (bench/profile.ts). */
  nodeArgs?: string[];
}): Promise<ServiceProcess> {
  const entry = opts.kind === 'serve' ? ['src-server/cli/main.ts', 'serve'] : ['bench/lib/bare-fastify.ts'];
  const fd = openSync(opts.logFile, 'w');
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', ...entry], {
    cwd: opts.kind === 'serve' ? SERVICE_ROOT : MAIN,
    stdio: ['ignore', fd, fd],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      // The bench drives the service far past any per-IP limit on purpose.
      RATE_LIMIT_PER_MINUTE: '0',
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
      ...opts.env,
    },
  });
  closeSync(fd);
  const url = await waitForUrl(child, opts.logFile);
  return {
    url,
    pid: child.pid ?? -1,
    rssBytes: () => rssOf(child.pid ?? -1),
    cpuSeconds: () => cpuSecondsOf(child.pid ?? -1),
    stop: () => stopChild(child),
  };
}

async function waitForUrl(child: ChildProcess, logFile: string): Promise<string> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(
        `service exited (${child.exitCode}); see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`,
      );
    const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(readFileSync(logFile, 'utf8'));
    if (m?.[1]) return m[1];
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`service did not print its URL within 60 s; see ${logFile}`);
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : NaN;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux unless getconf says otherwise). */
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/**
 * utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat, after the command name in
 * parentheses, which may hold spaces): the CPU it used, whatever else ran on the cores meanwhile.
 */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
