import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createEmployer } from '../../../src-server/accounts/accounts.service.js';
import { systemClock } from '../../../src-server/clock.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { codeLine } from '../../../src-server/mail/mail.service.js';
import { PG_ADMIN_URL, postgresSkipReason } from '../../support/databases.js';
import { createPostgresDatabase, dropPostgresDatabase, postgresUrl } from '../../support/postgres.js';
import { startSmtpSink } from '../../support/smtp-sink.js';
import { runMypage } from '../../support/spawn-cli.js';
import { createHttpsClient, type ClientOptions } from './https-client.js';
import { envExampleKeys, startInstance, type Instance } from './instances.js';
import { deploySkipReason as toolSkipReason, startNginx, type RunningNginx } from './nginx.js';
import { makeCertificate, type Certificate } from './tls.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

export const OTP_SUBJECT = 'ワンタイムパスワード通知';
export const REDIS_URL = process.env.MYPAGE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Redis answers PING at REDIS_URL, or why not. */
async function redisSkipReason(): Promise<string | undefined> {
  const { connect } = await import('node:net');
  const u = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const s = connect(Number(u.port || 6379), u.hostname, () => s.write('PING\r\n'));
    s.setTimeout(2_000, () => (s.destroy(), resolve(`Redis does not answer at ${u.host} (no answer within 2 s)`)));
    s.once(
      'data',
      (b: Buffer) => (
        s.end(),
        resolve(b.toString().startsWith('+PONG') ? undefined : `Redis at ${u.host} answered ${b.toString().trim()}`)
      ),
    );
    s.once('error', (err) => resolve(`Redis does not answer at ${u.host} (${err.message})`));
  });
}

/** Why the deployment suite cannot run here (nginx, openssl, PostgreSQL or Redis missing), or undefined. */
export async function deploySkipReason(): Promise<string | undefined> {
  return toolSkipReason() ?? postgresSkipReason ?? (await redisSkipReason());
}

/** A free TCP port on loopback (bound, then released for the process that will use it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not within ${timeoutMs} ms${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Deployment {
  /** https://localhost:<port>, nginx's public origin. */
  origin: string;
  /** nginx's plain-http port (the redirect to https). */
  httpPort: number;
  certificate: Certificate;
  database: string;
  instances: [Instance, Instance];
  nginx: RunningNginx;
  /** Marks these instances `down` in nginx's upstream (none: all in service) and reloads nginx. */
  drain(ports: number[]): void;
  /** The variables the site's env file holds for this run (instances start with these). */
  siteEnv: Record<string, string>;
  /** Replaces instance `i` (same port, so nginx's upstream stays) with one started on `env` over siteEnv. */
  restartInstance(i: 0 | 1, env?: Record<string, string>): Promise<Instance>;
  client(opts?: Partial<ClientOptions>): ReturnType<typeof createHttpsClient>;
  /** One account with `mypage create-employer` (the command an operator runs). */
  createEmployer(id: string): Promise<void>;
  /**
   * `count` accounts at once (through the service's own code, faster than a command each): for
   * tests that sign in often, since R-OTP-8 allows one account 10 OTP mails an hour.
   */
  createEmployers(tag: string, count: number): Promise<string[]>;
  /** The OTP of the next mail to `to` after `seen` mails to that address. */
  nextOtp(to: string, seen: number): Promise<string>;
  mailsTo(to: string): number;
  /** A query on the admin database (postgres), never on the test database itself. */
  admin(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
  close(): Promise<void>;
}

let visitors = 0;
/**
 * A source address of its own for each visitor (127.0.1.1 on, all routed to loopback), so that
 * tests that sign in often stay far from the per-IP limit, as many visitors in an office would.
 */
export function visitorAddress(): string {
  const k = visitors++ % 250;
  return `127.0.1.${k + 1}`;
}

let n = 0;
export const employerId = (tag: string) => `deploy-${tag}-${process.pid}-${n++}@example.jp`;

/**
 * nginx (deploy/nginx/mypage.conf) terminating TLS in front of two instances started from
 * deploy/systemd/mypage@.service, on a fresh PostgreSQL database, with Redis and a real SMTP sink.
 */
export async function startDeployment(opts: { extraProxyLines?: string[] } = {}): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), 'mypage-deploy-'));
  chmodSync(dir, 0o755); // nginx's workers (another user when the master is root) write temp files here
  const certificate = makeCertificate(dir);
  const database = await createPostgresDatabase();
  const smtp = await startSmtpSink();
  const [portA, portB, httpsPort, httpPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const origin = `https://localhost:${httpsPort}`;
  const siteEnv: Record<string, string> = {
    DATABASE_URL: postgresUrl(database),
    PUBLIC_ORIGIN: origin,
    TRUST_PROXY: '127.0.0.1',
    REDIS_URL,
    // Keys of this run only: other suites share the same Redis at the same time.
    REDIS_KEY_PREFIX: `mypage-deploy-test:${process.pid}:${Date.now().toString(36)}:`,
    SMTP_URL: smtp.url,
    METRICS_TOKEN: `metrics-${process.pid}-${Date.now()}`,
    LOG_LEVEL: 'warn',
  };
  const documented = envExampleKeys();
  const undocumented = Object.keys(siteEnv).filter((k) => !documented.includes(k));
  if (undocumented.length)
    throw new Error(`deploy/systemd/mypage.env.example does not mention ${undocumented.join(', ')}`);

  const instances: [Instance, Instance] = await Promise.all([
    startInstance(portA, siteEnv),
    startInstance(portB, siteEnv),
  ]);
  const site = {
    httpsPort: httpsPort,
    httpPort: httpPort,
    instances: [`127.0.0.1:${portA}`, `127.0.0.1:${portB}`],
    certificate,
    ...(opts.extraProxyLines ? { extraProxyLines: opts.extraProxyLines } : {}),
  };
  const nginx = await startNginx(dir, site);

  const mailsTo = (to: string) =>
    smtp.received.filter((m) => m.to.toLowerCase().includes(to.toLowerCase()) && m.subject === OTP_SUBJECT).length;
  const deployment: Deployment = {
    origin,
    httpPort: httpPort,
    certificate,
    database,
    instances,
    nginx,
    drain: (ports) => nginx.reload({ ...site, down: ports.map((p) => `127.0.0.1:${p}`) }),
    siteEnv,
    async restartInstance(i, env = {}) {
      const old = deployment.instances[i];
      await old.stop('SIGTERM');
      const fresh = await startInstance(old.port, { ...siteEnv, ...env });
      deployment.instances[i] = fresh;
      return fresh;
    },
    client: (o = {}) => createHttpsClient({ origin, ca: certificate.pem, ...o }),
    async createEmployer(id) {
      const r = await runMypage(
        [
          'create-employer',
          '--id',
          id,
          '--password',
          PASSWORD,
          '--company',
          '株式会社 ハローワークア',
          '--office',
          '飯田橋公共職業安定所',
        ],
        {
          DATABASE_URL: siteEnv.DATABASE_URL!,
        },
      );
      if (r.code !== 0) throw new Error(`create-employer failed: ${r.stderr}`);
    },
    async createEmployers(tag, count) {
      const { db } = openDatabase(siteEnv.DATABASE_URL!);
      try {
        const ids = Array.from({ length: count }, () => employerId(tag));
        for (const id of ids)
          await createEmployer(db, systemClock, {
            id,
            password: PASSWORD,
            company: '株式会社 ハローワークア',
            office: '飯田橋公共職業安定所',
          });
        return ids;
      } finally {
        await db.destroy();
      }
    },
    mailsTo,
    async nextOtp(to, seen) {
      const mail = await until(
        `an OTP mail to ${to}`,
        async () =>
          smtp.received.filter((m) => m.to.toLowerCase().includes(to.toLowerCase()) && m.subject === OTP_SUBJECT)[seen],
      );
      const code = codeLine(mail.text);
      if (!code) throw new Error(`no code in the mail to ${to}`);
      return code;
    },
    async admin(sql, params = []) {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        return await c.query(sql, params);
      } finally {
        await c.end();
      }
    },
    async close() {
      await nginx.stop();
      await Promise.all(deployment.instances.map((i) => i.stop('SIGTERM')));
      await deployment.admin(`alter database "${database}" allow_connections true`).catch(() => undefined);
      await dropPostgresDatabase(database);
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return deployment;
}

/** Password, then the mailed OTP, through the public origin; returns the home screen's answer. */
export async function signInOverHttps(d: Deployment, client: ReturnType<typeof createHttpsClient>, id: string) {
  const seen = d.mailsTo(id);
  const login = await client.post(api.login.path, { id, password: PASSWORD });
  if (login.status !== 200) return { step: 'login', answer: login };
  const challenge = (login.body as { challenge: string }).challenge;
  const otp = await d.nextOtp(id, seen);
  const done = await client.post(api.loginOtp.path, { challenge, otp, rememberDevice: false });
  if (done.status !== 200) return { step: 'otp', answer: done };
  const home = await client.get(api.home.path);
  return { step: 'home', answer: home };
}
