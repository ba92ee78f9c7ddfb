import type { FastifyInstance } from 'fastify';
import type { Clock } from './clock.js';
import { isLoopbackHost, type Config } from './config.js';
import type { AttestationVerifier } from './login/attestation-verifier.js';
import { composeService } from './service.js';

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
  if (config.staffPort) refuseWithoutStaffOrigin(config);
  if (config.staffPort) refuseSharedCookieHost(config);
  const service = await composeService(config, { clock: opts.clock, attestationVerifier: opts.attestationVerifier });
  const { app, readiness } = service;
  const url = await listen(app, config.host, config.port);
  const staff = service.staffApp
    ? { app: service.staffApp, url: await listen(service.staffApp, config.staffHost, config.staffPort ?? 0) }
    : undefined;

  let closing = false;
  const close = () => {
    closing = true;
    return service.close();
  };
  if (opts.handleSignals) {
    // `on`, not `once`: Ctrl+C under `npm start` arrives twice (from the terminal and forwarded by
    // the parent); a second signal must not kill the process in the middle of its close.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (closing) return;
        app.log.info({ signal, deadlineMs: config.shutdownDeadlineMs }, 'shutting down');
        readiness.startDraining();
        setTimeout(() => {
          app.log.error(
            { deadlineMs: config.shutdownDeadlineMs },
            'requests still in flight at the shutdown deadline; exiting anyway',
          );
          process.exit(1);
        }, config.shutdownDeadlineMs).unref();
        void close().then(() => process.exit(0));
      });
    }
  }
  return { app, url, ...(staff ? { staff } : {}), close };
}

/** Listens on host:port (0: any free port) and says where, e.g. http://127.0.0.1:8080 or http://[::1]:8080. */
async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ port, host });
  const address = app.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
}

/** Like PUBLIC_ORIGIN: reachable beyond this machine, the staff listener must be told the origin staff browsers use. */
export function refuseWithoutStaffOrigin(
  config: Pick<Config, 'staffHost' | 'staffTrustProxy' | 'staffPublicOrigin'>,
): void {
  const origin = config.staffPublicOrigin ? new URL(config.staffPublicOrigin) : undefined;
  const localhost = origin !== undefined && /(^|\.)localhost$/.test(origin.hostname);
  // Browsers offer passkeys only to https:// pages and to http://localhost.
  if (origin && origin.protocol !== 'https:' && !localhost)
    throw new Error(
      `STAFF_PUBLIC_ORIGIN=${origin.origin}: passkeys need an https:// origin (or http://localhost for development)`,
    );
  if (origin && !localhost) return;
  if (!isLoopbackHost(config.staffHost) || config.staffTrustProxy !== false) {
    throw new Error(
      'STAFF_PORT on a host others can reach (STAFF_HOST, STAFF_TRUST_PROXY): set STAFF_PUBLIC_ORIGIN to the https:// origin staff browsers use (e.g. STAFF_PUBLIC_ORIGIN=https://staff.mypage.example.jp); see docs/security.md',
    );
  }
}

/**
 * In production (NODE_ENV=production, or PUBLIC_ORIGIN set) the staff console needs a host name
 * of its own: cookies are scoped by host, not port, so on one host name the employer's and the
 * staff's cookies would share one jar (each listener would receive the other's cookies).
 */
export function refuseSharedCookieHost(
  config: Pick<Config, 'production' | 'publicOrigin' | 'staffPublicOrigin'>,
): void {
  if (!config.production && !config.publicOrigin) return;
  if (!config.publicOrigin || !config.staffPublicOrigin) return;
  const employer = new URL(config.publicOrigin).hostname;
  if (new URL(config.staffPublicOrigin).hostname !== employer) return;
  throw new Error(
    `STAFF_PUBLIC_ORIGIN=${config.staffPublicOrigin} has the host name of PUBLIC_ORIGIN=${config.publicOrigin}: browsers scope cookies by host name, not port, so the employer's and the staff console's cookies would mix. Give the staff console its own host name (e.g. STAFF_PUBLIC_ORIGIN=https://staff.${employer}); see docs/deploy.md`,
  );
}

/**
 * Reachable beyond this machine (HOST not loopback) or behind a proxy (TRUST_PROXY), the service
 * must be told the origin browsers use: cookies and the Origin check come from it, never from a
 * header. Without it every cookie would be Secure on plain http and every state change refused,
 * so say so at start-up instead.
 */
export function refuseWithoutPublicOrigin(config: Pick<Config, 'host' | 'trustProxy' | 'publicOrigin'>): void {
  if (config.publicOrigin) return;
  const why = !isLoopbackHost(config.host)
    ? `HOST=${config.host} is not a loopback address`
    : config.trustProxy !== false
      ? 'TRUST_PROXY is set'
      : undefined;
  if (why)
    throw new Error(
      `${why}: set PUBLIC_ORIGIN to the https:// origin browsers use (e.g. PUBLIC_ORIGIN=https://mypage.example.jp); see docs/security.md`,
    );
}
