import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Certificate } from './tls.js';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const SITE_FILE = join(import.meta.dirname, '../../../deploy/nginx/mypage.conf');

/** Why the deployment suite cannot run here (no nginx, no openssl), or undefined. */
export function deploySkipReason(): string | undefined {
  if (!existsSync(NGINX)) return `nginx is not installed at ${NGINX} (Debian: apt-get install nginx, as .ci/run does)`;
  if (spawnSync('openssl', ['version']).status !== 0)
    return 'the openssl command is missing (Debian: apt-get install openssl, as .ci/run does)';
  return undefined;
}

export interface SiteValues {
  httpsPort: number;
  httpPort: number;
  instances: string[];
  /** Instances marked `down` (drained: nginx sends them nothing new). */
  down?: string[];
  certificate: Certificate;
  /** Test-only lines added inside `location /` (e.g. a header naming the instance that answered). */
  extraProxyLines?: string[];
}

/** Replaces the one line of `text` that `marker` names; throws when the site file has changed shape. */
function fillLines(text: string, marker: string, lines: string[]): string {
  const all = text.split('\n');
  const hits = all.flatMap((l, i) => (l.includes(`# site: ${marker}`) ? [i] : []));
  if (hits.length === 0) throw new Error(`deploy/nginx/mypage.conf has no line marked "# site: ${marker}"`);
  const indent = /^\s*/.exec(all[hits[0]!]!)?.[0] ?? '';
  const kept = all.filter((_, i) => !hits.slice(1).includes(i));
  kept.splice(hits[0]!, 1, ...lines.map((l) => indent + l));
  return kept.join('\n');
}

/** deploy/nginx/mypage.conf with this run's values on its `# site:` lines (each marker once per server). */
export function fillSiteFile(text: string, v: SiteValues): string {
  let out = fillLines(
    text,
    'instance',
    v.instances.map((a) => `server ${a} max_fails=1 fail_timeout=10s${v.down?.includes(a) ? ' down' : ''};`),
  );
  out = fillLines(out, 'http listen', [`listen 127.0.0.1:${v.httpPort};`]);
  out = fillLines(out, 'https listen', [`listen 127.0.0.1:${v.httpsPort} ssl http2;`]);
  out = out.replaceAll('server_name mypage.example.jp; # site: name', 'server_name localhost;');
  out = fillLines(out, 'certificate', [`ssl_certificate ${v.certificate.certPath};`]);
  out = fillLines(out, 'key', [`ssl_certificate_key ${v.certificate.keyPath};`]);
  if (v.extraProxyLines?.length)
    out = out.replace(
      'proxy_pass http://mypage;',
      ['proxy_pass http://mypage;', ...v.extraProxyLines].join('\n        '),
    );
  return out;
}

/** Debian's nginx.conf cut down to what the site needs, every path inside `dir`. */
function mainConf(dir: string): string {
  return `worker_processes 1;
events { worker_connections 512; }
http {
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/mypage.conf;
}
`;
}

export interface RunningNginx {
  errorLog(): string;
  /** Rewrites the site file with `site` and reloads (SIGHUP: old workers finish their requests). */
  reload(site: SiteValues): void;
  stop(): Promise<void>;
}

/** nginx in the foreground with its own prefix and configuration in `dir`; resolves once it answers. */
export async function startNginx(dir: string, site: SiteValues): Promise<RunningNginx> {
  writeFileSync(join(dir, 'mypage.conf'), fillSiteFile(readFileSync(SITE_FILE, 'utf8'), site));
  writeFileSync(join(dir, 'nginx.conf'), mainConf(dir));
  const errorLog = join(dir, 'error.log');
  const args = [
    '-p',
    dir,
    '-e',
    errorLog,
    '-c',
    join(dir, 'nginx.conf'),
    '-g',
    `daemon off; pid ${dir}/nginx.pid; error_log ${errorLog} warn;`,
  ];
  const check = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t refused the site file:\n${check.stderr}`);
  const child: ChildProcess = spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const readLog = () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '') + stderr;
  await waitForPort(site.httpsPort, () => child.exitCode !== null, readLog);
  return {
    errorLog: readLog,
    reload(next) {
      writeFileSync(join(dir, 'mypage.conf'), fillSiteFile(readFileSync(SITE_FILE, 'utf8'), next));
      const test = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8' });
      if (test.status !== 0) throw new Error(`nginx -t refused the site file:\n${test.stderr}`);
      child.kill('SIGHUP');
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
    },
  };
}

async function waitForPort(port: number, dead: () => boolean, log: () => string): Promise<void> {
  const { connect } = await import('node:net');
  const until = Date.now() + 10_000;
  for (;;) {
    if (dead()) throw new Error(`nginx exited:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`nginx did not listen on ${port}:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
