import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { createEmployer } from '../../src-server/accounts/accounts.service.js';
import { TestClock } from '../../src-server/clock.js';
import { loadConfig, type HttpTimeouts } from '../../src-server/config.js';
import type { Db } from '../../src-server/db/schema.js';
import { loggerOptions } from '../../src-server/http/logging.js';
import { pino } from 'pino';
import type { AttestationVerifier } from '../../src-server/login/attestation-verifier.js';
import type { Readiness } from '../../src-server/ops/readiness.js';
import { composeService } from '../../src-server/service.js';
import type { TestDatabase } from './databases.js';
import { freshDatabase } from './fresh-database.js';
import { createClient, type TestClient } from './http-client.js';
import { watchAnswers, type OpenApi } from './openapi-answers.js';
import { PASSWORD } from './passwords.js';
import { signIn } from './sign-in.js';
import { createMailbox, type TestMailbox } from './test-mailbox.js';
import { startSmtpSink } from './smtp-sink.js';

export type { Mail } from './smtp-sink.js';
export type { TestMailbox } from './test-mailbox.js';

export interface TestServiceOptions {
  database?: TestDatabase;
  /** Deliver mail to a real SMTP server on loopback (default true); false: the dev mailbox (outbox table). */
  smtp?: boolean;
  /** Per-IP rate limits on (default off, so tests can hammer endpoints). */
  rateLimit?: boolean;
  /** Serve dist/renderer at `/` (default off). */
  serveRenderer?: boolean;
  /** Serve the screens from this folder instead of dist/renderer (implies serveRenderer). */
  rendererDir?: string;
  /** Replace the kiosk attestation verifier (default: the one `serve` uses). */
  attestationVerifier?: AttestationVerifier;
  /** Collect every log line (level trace, with the service's redaction) into this array. */
  captureLogs?: string[];
  /** Socket and request deadlines other than the deployment's (e.g. small ones for slow-client tests). */
  http?: Partial<HttpTimeouts>;
  /** Extra environment for loadConfig (e.g. PUBLIC_ORIGIN). */
  env?: Record<string, string>;
  /** Also run the staff listener (buildStaffApp) on a free port: `svc.staff` (test/support/staff.ts). */
  staff?: boolean;
}

export interface TestEmployer {
  id: string;
  password: string;
}

export interface TestService {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The service's DATABASE_URL (sqlite:<file> or postgres://…/<fresh database>). */
  databaseUrl: string;
  /** PostgreSQL only: the name of this service's own test database (to make faults on it). */
  pgDatabase?: string;
  app: FastifyInstance;
  db: Db;
  clock: { now(): Date; advance(ms: number): void; set(d: Date): void };
  mail: TestMailbox;
  /** The checks behind /readyz (register one to see how /readyz reports it). */
  readiness: Readiness;
  createEmployer(input: { id: string; password: string; company?: string; office?: string }): Promise<void>;
  /** An employer with a fresh ID (unless given) and the one test PASSWORD (test/support/passwords.ts). */
  employer(input?: { id?: string; password?: string; company?: string; office?: string }): Promise<TestEmployer>;
  /** A client (a browser of its own) signed in as `employer` (or that ID with PASSWORD) through both login steps. */
  as(employer: TestEmployer | string, opts?: { rememberDevice?: boolean }): Promise<TestClient>;
  /** The staff listener (staff: true): its app, e.g. http://127.0.0.1:41235, and the origin its browsers use (http://localhost:41235). */
  staff?: { app: FastifyInstance; url: string; origin: string };
  /** The SMTP server (smtp: true only): `down()` refuses mail until `up()`. */
  smtp?: { url: string; down(): void; up(): void };
  close(): Promise<void>;
}

/**
 * The service, in this process, on a fresh database, listening on 127.0.0.1 (random port), with
 * mail going to a real SMTP server on loopback. Time is a TestClock: move it, never sleep.
 */
export async function startTestService(opts: TestServiceOptions = {}): Promise<TestService> {
  const database = opts.database ?? 'sqlite';
  const cleanups: Array<() => Promise<void> | void> = [];
  const clock = new TestClock();
  const fresh = await freshDatabase(database);
  cleanups.push(fresh.drop);
  const databaseUrl = fresh.url;
  const pgDatabase = fresh.pgName;
  const smtpOn = opts.smtp ?? true;
  const sink = smtpOn ? await startSmtpSink() : undefined;
  if (sink) cleanups.push(() => sink.close());

  const config = {
    ...loadConfig({
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      RATE_LIMIT_PER_MINUTE: opts.rateLimit ? '30' : '0',
      LOG_LEVEL: process.env.MYPAGE_TEST_LOG ?? 'silent',
      ...(sink ? { SMTP_URL: sink.url } : {}),
      ...(opts.staff ? { STAFF_PORT: String(await freePort()) } : {}),
      ...opts.env,
    }),
    rendererDir: opts.rendererDir ?? (opts.serveRenderer ? 'dist/renderer' : undefined),
  };
  config.http = { ...config.http, ...opts.http };
  const service = await composeService(config, {
    clock,
    ...(opts.attestationVerifier ? { attestationVerifier: opts.attestationVerifier } : {}),
    mailPollMs: 50,
    sweepIntervalMs: 0, // tests run the retention sweep themselves (test/server/ops/retention.test.ts)
    fleetAlertIntervalMs: 0, // and the fleet alerts (test/server/kiosk/fleet-alerts.test.ts)
    ...(opts.captureLogs ? { log: capturingLogger(opts.captureLogs) } : {}),
  });
  // A test is over: its page may still hold a keep-alive connection, or a request in flight whose
  // connection then idles for the whole keepAliveTimeout (65 s, longer than nginx's) — past the
  // fixture's teardown limit. close() stops accepting; every socket left is destroyed at once.
  cleanups.push(async () => {
    const closing = service.close();
    for (const server of [service.app.server, service.staffApp?.server]) server?.closeAllConnections();
    await closing;
  });
  const { app, db, readiness } = service;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('service has no address');
  let staff: TestService['staff'];
  if (service.staffApp) {
    await service.staffApp.listen({ port: config.staffPort ?? 0, host: '127.0.0.1' });
    staff = {
      app: service.staffApp,
      url: `http://127.0.0.1:${config.staffPort}`,
      origin: config.staffPublicOrigin ?? '',
    };
  }
  // Every answer on the wire is checked against its listener's OpenAPI document; close() fails the test otherwise.
  const watched = [app, ...(service.staffApp ? [service.staffApp] : [])].map(async (listener) =>
    watchAnswers(listener.server, (await listener.inject({ url: '/api/openapi.json' })).json<OpenApi>()),
  );
  const contract = await Promise.all(watched);
  cleanups.unshift(() => {
    const violations = contract.flatMap((c) => c.violations);
    if (violations.length) throw new Error(`answers the OpenAPI document does not allow:\n${violations.join('\n')}`);
  });
  const url = `http://127.0.0.1:${address.port}`;
  const mail = createMailbox(db, sink?.received);
  const addEmployer: TestService['createEmployer'] = async (input) => {
    await createEmployer(db, clock, {
      id: input.id,
      password: input.password,
      company: input.company ?? '株式会社 テスト',
      office: input.office ?? '飯田橋公共職業安定所',
    });
  };
  let employers = 0;

  return {
    url,
    databaseUrl,
    ...(pgDatabase ? { pgDatabase } : {}),
    app,
    db,
    clock,
    mail,
    readiness,
    ...(staff ? { staff } : {}),
    ...(sink ? { smtp: { url: sink.url, down: sink.down, up: sink.up } } : {}),
    createEmployer: addEmployer,
    async employer(input = {}) {
      const employer = {
        id: input.id ?? `employer-${++employers}-${randomUUID().slice(0, 8)}@example.jp`,
        password: input.password ?? PASSWORD,
      };
      await addEmployer({ ...input, ...employer });
      return employer;
    },
    async as(employer, asOpts = {}) {
      const { id, password } = typeof employer === 'string' ? { id: employer, password: PASSWORD } : employer;
      const client = createClient(url);
      await signIn({ mail }, client, id, password, asOpts);
      return client;
    },
    async close() {
      for (const c of cleanups.reverse()) await c();
    },
  };
}

/** Every log line of the service (level trace, with its redaction) pushed into `lines`. */
function capturingLogger(lines: string[]) {
  return pino(loggerOptions('trace'), { write: (line: string) => void lines.push(line) });
}

/** A port free right now (the staff listener's origin must name its port before the app is built). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
