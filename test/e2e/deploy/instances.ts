import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '../../..');
export const UNIT_FILE = join(REPO, 'deploy/systemd/mypage@.service');
export const ENV_EXAMPLE = join(REPO, 'deploy/systemd/mypage.env.example');

export interface Unit {
  /** Environment= of the unit, `%i` already replaced by the instance (its port). */
  environment: Record<string, string>;
  /** ExecStart= split into words: the program, then its arguments. */
  execStart: string[];
  workingDirectory: string;
}

/** The [Service] settings of deploy/systemd/mypage@.service for instance `instance`. */
export function readUnit(instance: string): Unit {
  const environment: Record<string, string> = {};
  let execStart: string[] = [];
  let workingDirectory = '/';
  for (const raw of readFileSync(UNIT_FILE, 'utf8').split('\n')) {
    const line = raw.trim().replaceAll('%i', instance);
    const m = /^(\w+)=(.*)$/.exec(line);
    if (!m) continue;
    const [, key, value = ''] = m;
    if (key === 'Environment')
      for (const pair of value.split(/\s+/))
        environment[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
    if (key === 'ExecStart') execStart = value.split(/\s+/);
    if (key === 'WorkingDirectory') workingDirectory = value;
  }
  return { environment, execStart, workingDirectory };
}

/** The variable names deploy/systemd/mypage.env.example sets (what a site writes in /etc/mypage/mypage.env). */
export function envExampleKeys(): string[] {
  return readFileSync(ENV_EXAMPLE, 'utf8')
    .split('\n')
    .map((l) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(l)?.[1])
    .filter((k): k is string => k !== undefined);
}

export interface Instance {
  port: number;
  child: ChildProcess;
  output(): string;
  /** Resolves when the process has exited (after stop, kill, or by itself). */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts one instance as systemd would from the unit: its Environment= plus the site's env file
 * (`siteEnv`), its ExecStart= run from the repository (the release's WorkingDirectory) with this
 * Node. Resolves once it prints where it serves.
 */
export function startInstance(port: number, siteEnv: Record<string, string>): Promise<Instance> {
  const unit = readUnit(String(port));
  const [program, ...args] = unit.execStart;
  if (!program?.endsWith('/node'))
    throw new Error(`ExecStart= of ${UNIT_FILE} does not run node: ${unit.execStart.join(' ')}`);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...unit.environment, ...siteEnv };
  const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const instance: Instance = {
    port,
    child,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance ${port} did not start within 60 s:\n${out}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/serving http:\/\//.test(out) && out.includes('stop:')) {
        clearTimeout(timer);
        resolve(instance);
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`instance ${port} exited (${code}) before serving:\n${out}`));
    });
  });
}
