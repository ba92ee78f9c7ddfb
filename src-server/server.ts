import type { FastifyInstance } from 'fastify';
import { buildApp, type ServiceDeps } from './app.js';
import { systemClock, type Clock } from './clock.js';
import { isLoopbackHost, type Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { AttestationVerifier } from './login/attestation-verifier.js';
import { createReadiness } from './ops/readiness.js';
import { createAttestationVerifier } from './app-features.js';
import { buildStaffApp } from './staff-app.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** The staff listener (STAFF_PORT set): its app and URL. */
  staff?: { app: FastifyInstance; url: string };
  close(): Promise<void>;
}

/**
 * Migrates, builds the app and listens. SIGINT/SIGTERM close it gracefully: /readyz answers 503
 * (draining), the listener stops accepting, requests in flight finish (new ones on kept-alive
 * sockets get 503), the mail sender and the retention sweep stop, the database closes. If that
 * takes longer than SHUTDOWN_DEADLINE_SECONDS the process exits anyway (code 1), so a stuck
 * client never blocks a rolling update.
 */
export async function startServer(
  config: Config,
  opts: { clock?: Clock; attestationVerifier?: AttestationVerifier; handleSignals?: boolean } = {},
): Promise<RunningServer> {
  refuseWithoutPublicOrigin(config);
  // The app (and its logger) is built after the database is open; until then lost connections go to stderr.
  let log: FastifyInstance['log'] | undefined;
  const { db, dialect } = openDatabase(config.databaseUrl, {
    timeouts: config.dbTimeouts,
    onConnectionError: (err) =>
      log ? log.warn({ err: { message: err.message } }, 'database connection lost; reconnecting on the next query') : console.warn(`mypage: database connection lost (${err.message})`),
  });
  await migrateToLatest(db);
  const clock = opts.clock ?? systemClock;
  const verifier = opts.attestationVerifier ?? createAttestationVerifier(clock);
  const readiness = createReadiness();
  const app = await buildApp({ config, db, dialect, clock, attestationVerifier: verifier }, { readiness });
  log = app.log;
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = listenUrl(config.host, port);
  const staff = config.staffPort ? await startStaffListener(config, { config, db, dialect, clock, attestationVerifier: verifier }, app) : undefined;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await Promise.all([app.close(), staff?.app.close()]);
      await db.destroy();
    })());
  if (opts.handleSignals) {
    // `on`, not `once`: Ctrl+C under `npm start` arrives twice (from the terminal and forwarded by
    // the parent); a second signal must not kill the process in the middle of its close.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (closing) return;
        app.log.info({ signal, deadlineMs: config.shutdownDeadlineMs }, 'shutting down');
        readiness.startDraining();
        setTimeout(() => {
          app.log.error({ deadlineMs: config.shutdownDeadlineMs }, 'requests still in flight at the shutdown deadline; exiting anyway');
          process.exit(1);
        }, config.shutdownDeadlineMs).unref();
        void close().then(() => process.exit(0));
      });
    }
  }
  return { app, url, ...(staff ? { staff } : {}), close };
}

const listenUrl = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

/** The staff console's listener (issue 14): its own app on STAFF_PORT, same host, same database and clock. */
async function startStaffListener(config: Config, service: ServiceDeps, employerApp: FastifyInstance): Promise<{ app: FastifyInstance; url: string }> {
  refuseWithoutStaffOrigin(config);
  const app = await buildStaffApp(service, { mailQueued: () => employerApp.mailQueued?.() });
  await app.listen({ port: config.staffPort ?? 0, host: config.host });
  const address = app.server.address();
  return { app, url: listenUrl(config.host, typeof address === 'object' && address ? address.port : (config.staffPort ?? 0)) };
}

/** Like PUBLIC_ORIGIN: reachable beyond this machine, the staff listener must be told the origin staff browsers use. */
export function refuseWithoutStaffOrigin(config: Pick<Config, 'host' | 'trustProxy' | 'staffPublicOrigin'>): void {
  const origin = config.staffPublicOrigin ? new URL(config.staffPublicOrigin) : undefined;
  const localhost = origin !== undefined && /(^|\.)localhost$/.test(origin.hostname);
  // Browsers offer passkeys only to https:// pages and to http://localhost.
  if (origin && origin.protocol !== 'https:' && !localhost) throw new Error(`STAFF_PUBLIC_ORIGIN=${origin.origin}: passkeys need an https:// origin (or http://localhost for development)`);
  if (origin && !localhost) return;
  if (!isLoopbackHost(config.host) || config.trustProxy !== false) {
    throw new Error('STAFF_PORT on a host others can reach: set STAFF_PUBLIC_ORIGIN to the https:// origin staff browsers use (e.g. STAFF_PUBLIC_ORIGIN=https://staff.mypage.example.jp); see docs/security.md');
  }
}

/**
 * Reachable beyond this machine (HOST not loopback) or behind a proxy (TRUST_PROXY), the service
 * must be told the origin browsers use: cookies and the Origin check come from it, never from a
 * header. Without it every cookie would be Secure on plain http and every state change refused,
 * so say so at start-up instead.
 */
export function refuseWithoutPublicOrigin(config: Pick<Config, 'host' | 'trustProxy' | 'publicOrigin'>): void {
  if (config.publicOrigin) return;
  const why = !isLoopbackHost(config.host) ? `HOST=${config.host} is not a loopback address` : config.trustProxy !== false ? 'TRUST_PROXY is set' : undefined;
  if (why) throw new Error(`${why}: set PUBLIC_ORIGIN to the https:// origin browsers use (e.g. PUBLIC_ORIGIN=https://mypage.example.jp); see docs/security.md`);
}
