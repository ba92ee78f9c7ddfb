import { isIP } from 'node:net';
import { z } from 'zod';
import { R_LOGIN_5_SEED_MAIL_FROM } from '../src-shared/rules.js';
import { FleetEnv, fleetConfig, type FleetConfig } from './kiosk/fleet-config.js';

/**
 * The service's environment (API.md, "Operating the service"). Everything has a default, so
 * `mypage serve` with no environment at all runs: SQLite at data/mypage.sqlite, the dev mailbox,
 * port 8080 on 127.0.0.1.
 */
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

const EnvSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('sqlite:data/mypage.sqlite')
      .refine(
        (s) => s.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(s),
        'DATABASE_URL must be sqlite:<path> or postgres://…',
      ),
  ),
  SMTP_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** Pooled SMTP connections per instance, and so mails in flight at once. */
  SMTP_MAX_CONNECTIONS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100).default(16)),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().default(R_LOGIN_5_SEED_MAIL_FROM)),
  PUBLIC_ORIGIN: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** The staff console's own listener (issue 14); unset: off. */
  STAFF_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).optional()),
  /** The origin staff browsers use for it (WebAuthn rpID = its host name); default http://localhost:<STAFF_PORT>. */
  STAFF_PUBLIC_ORIGIN: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** Where the staff listener binds: loopback unless said (never the employer's HOST: the console stays off the public network). */
  STAFF_HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  /** Whose X-Forwarded-* the staff listener believes (as TRUST_PROXY); unset: nobody's, whatever TRUST_PROXY says. */
  STAFF_TRUST_PROXY: z.preprocess(emptyAsUndefined, z.string().optional()),
  NODE_ENV: z.preprocess(emptyAsUndefined, z.string().default('development')),
  /** Per-IP limit on unauthenticated endpoints, requests per minute; 0 turns it off (tests). */
  RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(30)),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.string().default('info')),
  /** redis://host:port/db: the per-IP limits become one store for every instance; unset: per process. */
  REDIS_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .url()
      .refine((s) => /^rediss?:\/\//.test(s), 'REDIS_URL must be redis://… or rediss://…')
      .optional(),
  ),
  /** Prefix of every key the service writes in Redis (several services or tests may share one). */
  REDIS_KEY_PREFIX: z.preprocess(emptyAsUndefined, z.string().default('mypage:rl:')),
  /** Whose X-Forwarded-For/-Proto count: unset/false (nobody), true, a hop count, or addresses/CIDRs. */
  TRUST_PROXY: z.preprocess(emptyAsUndefined, z.string().optional()),
  /** /metrics answers only with `Authorization: Bearer <this>`; unset: 404. */
  METRICS_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  ),
  AUDIT_RETENTION_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(400)),
  /** Rows per delete of the retention sweep (each its own transaction); unset: the database's default (ops/retention.ts). */
  RETENTION_BATCH_ROWS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100_000).optional()),
  /**
   * SIGTERM: how long requests in flight may take before the process exits anyway. 20 s: a login
   * (argon2id, one transaction) takes well under a second, so only a stuck or dribbling client is
   * cut; below systemd's TimeoutStopSec (90 s) and Kubernetes' 30 s grace, so we exit on our terms.
   */
  SHUTDOWN_DEADLINE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().default(20)),
  /** KIOSK_MINIMUM_VERSION, FLEET_ALERT_MAIL_TO, FLEET_ALERT_QUIET_HOURS (issue 22). */
  ...FleetEnv,
});

/** A host name or address that only this machine can reach (where plain-http development is safe). */
export function isLoopbackHost(host: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?|[a-z0-9-]+\.localhost)$/i.test(host);
}

/** Fastify's `trustProxy` values: off, every hop, the last N hops, or these addresses/CIDRs. */
export type TrustProxy = boolean | number | string[];

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = value?.trim();
  if (!v || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((a) => !PROXY_NAMES.has(a) && !isIP(a.split('/')[0] ?? ''));
  if (bad.length)
    throw new Error(
      `invalid environment:\n  TRUST_PROXY: not an address, CIDR, hop count or true/false: ${bad.join(', ')}`,
    );
  return list;
}

/** proxy-addr's names for address ranges (Fastify passes the list to it). */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Socket and request deadlines (node:http, through Fastify's options). Why each value:
 * - requestMs 30 s: the whole request, headers and body, must arrive within it (the contract's
 *   bodies are < 16 KB). Longer is a slow-loris or a dead link, never a visitor; node's default
 *   is 300 s. The handler's own time does not count: the clock stops once the request is in.
 * - headersMs 15 s: the headers alone.
 * - checkIntervalMs 1 s: how often node looks for requests past those two (its default, 30 s,
 *   would let a dribbling client stay up to a minute).
 * - keepAliveMs 65 s: an idle keep-alive socket is closed after this. Above nginx's upstream
 *   keepalive_timeout (60 s), so the proxy always closes first and never sends a request on a
 *   socket this side is closing (a 502 for nothing).
 * - connectionMs 120 s: a socket with no traffic at all (e.g. a client that stops reading its
 *   answer); above keepAliveMs so that one decides for idle keep-alive sockets.
 * The deployment keeps these; tests pass small values to see the cut-off quickly.
 */
export const HTTP_TIMEOUTS = {
  requestMs: 30_000,
  headersMs: 15_000,
  checkIntervalMs: 1_000,
  keepAliveMs: 65_000,
  connectionMs: 120_000,
};
export type HttpTimeouts = typeof HTTP_TIMEOUTS;

/**
 * Database deadlines (PostgreSQL; SQLite waits on its busy_timeout). A request must answer within
 * ~3 s while the database is unreachable, so connecting and waiting for a pooled connection are
 * bounded at 2 s; a statement may run 5 s (the slowest of the contract's is a few ms).
 */
export const DB_TIMEOUTS = { connectMs: 2_000, statementMs: 5_000, idleMs: 30_000 };
export type DbTimeouts = typeof DB_TIMEOUTS;

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  smtpUrl: string | undefined;
  smtpMaxConnections: number;
  mailFrom: string;
  publicOrigin: string | undefined;
  /** The staff listener's port; undefined: no staff listener. */
  staffPort: number | undefined;
  /** The staff console's origin (set whenever staffPort is): WebAuthn's expected origin and the staff Origin check. */
  staffPublicOrigin: string | undefined;
  /** The staff listener's bind address (STAFF_HOST, default 127.0.0.1) and proxy trust (STAFF_TRUST_PROXY, default off): its own, never the employer's. */
  staffHost: string;
  staffTrustProxy: TrustProxy;
  production: boolean;
  rateLimitPerMinute: number;
  logLevel: string;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  trustProxy: TrustProxy;
  metricsToken: string | undefined;
  auditRetentionDays: number;
  /** RETENTION_BATCH_ROWS; undefined: RETENTION.batchRows of the dialect. */
  retentionBatchRows: number | undefined;
  shutdownDeadlineMs: number;
  http: HttpTimeouts;
  dbTimeouts: DbTimeouts;
  /** Folder of the built screens; served at `/` when it exists. */
  rendererDir: string | undefined;
  /** The kiosk fleet's minimum version and alerts (kiosk/fleet-config.ts). */
  fleet: FleetConfig;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    smtpMaxConnections: e.SMTP_MAX_CONNECTIONS,
    mailFrom: e.MAIL_FROM,
    publicOrigin: e.PUBLIC_ORIGIN?.replace(/\/$/, ''),
    staffPort: e.STAFF_PORT,
    staffPublicOrigin: e.STAFF_PUBLIC_ORIGIN
      ? new URL(e.STAFF_PUBLIC_ORIGIN).origin
      : e.STAFF_PORT
        ? `http://localhost:${e.STAFF_PORT}`
        : undefined,
    staffHost: e.STAFF_HOST,
    staffTrustProxy: parseTrustProxy(e.STAFF_TRUST_PROXY),
    production: e.NODE_ENV === 'production',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    metricsToken: e.METRICS_TOKEN,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    retentionBatchRows: e.RETENTION_BATCH_ROWS,
    shutdownDeadlineMs: e.SHUTDOWN_DEADLINE_SECONDS * 1000,
    http: { ...HTTP_TIMEOUTS },
    dbTimeouts: { ...DB_TIMEOUTS },
    rendererDir: 'dist/renderer',
    fleet: fleetConfig(e),
  };
}
