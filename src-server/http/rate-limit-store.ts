import { createRequire } from 'node:module';
import type { FastifyBaseLogger } from 'fastify';
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { Redis } from 'ioredis';

/**
 * The per-IP limits shared by every instance (REDIS_URL): @fastify/rate-limit's own RedisStore
 * (one Lua INCR + PEXPIRE per request) over ioredis, with its own LocalStore behind it. When Redis
 * cannot answer — down at start, a dropped connection, a command past its timeout — the request
 * is counted in this process's memory instead: the service keeps answering and keeps a limit
 * (per process, so N instances allow N times it until Redis is back). The plugin's `skipOnError`
 * would answer without any limit, so it is not used. One warning per outage, one line when it
 * ends; readiness reports it as degraded, never as not ready.
 */

// The plugin's stores are not in its exports map's types; they are its documented building blocks.
const require = createRequire(import.meta.url);
type StoreCtor = new (continueExceeding: boolean, exponentialBackoff: boolean, ...rest: unknown[]) => PluginStore;
type PluginStore = FastifyRateLimitStore & { read?: FastifyRateLimitStore['incr'] };
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as StoreCtor;
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as StoreCtor;

/**
 * Bounded so a dead or hung Redis never holds a request longer than COMMAND_TIMEOUT_MS: no
 * offline queue (a command while disconnected fails at once), no retry of a command, and a
 * reconnect in the background every ≤ 2 s.
 */
export const REDIS_TIMEOUTS = {
  connectTimeout: 1_000,
  commandTimeout: 150,
  maxRetriesPerRequest: 0,
  enableOfflineQueue: false,
} as const;
/** After a failed command, go straight to memory for this long before trying Redis again. */
const BYPASS_AFTER_ERROR_MS = 2_000;

export type RateLimitStoreState =
  { store: 'memory' } | { store: 'redis'; ok: true } | { store: 'redis'; ok: false; reason: string; since: number };

export interface SharedRateLimitStore {
  /** The plugin's store for keys under `keyPrefix` + `keys` (each listener has its own `keys`). */
  storeFor(keys: string): FastifyRateLimitStoreCtor;
  state(): RateLimitStoreState;
  close(): Promise<void>;
}

export function createSharedRateLimitStore(opts: {
  redisUrl: string;
  keyPrefix: string;
  log: FastifyBaseLogger;
}): SharedRateLimitStore {
  const redis = new Redis(opts.redisUrl, {
    ...REDIS_TIMEOUTS,
    // Named so an operator (or a test) can find this instance's connection in CLIENT LIST; a name has no spaces.
    connectionName: `${opts.keyPrefix}${process.pid}`.replace(/[^\w:.-]/g, '_'),
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  let outage: { reason: string; since: number } | undefined;
  let bypassUntil = 0;
  let closing = false;

  const down = (reason: string) => {
    bypassUntil = Date.now() + BYPASS_AFTER_ERROR_MS;
    if (outage || closing) return;
    outage = { reason, since: Date.now() };
    opts.log.warn({ reason }, 'rate limits: Redis does not answer; counting per process until it is back');
  };
  const up = () => {
    bypassUntil = 0;
    if (!outage) return;
    opts.log.info(
      { downForMs: Date.now() - outage.since },
      'rate limits: Redis answers again; limits shared across instances',
    );
    outage = undefined;
  };
  redis.on('error', (err: Error) => down(err.message));
  redis.on('close', () => down('connection closed'));
  redis.on('ready', up);

  const useRedis = () => redis.status === 'ready' && Date.now() >= bypassUntil;

  const health: RedisHealth = { useRedis, down, up };

  // The plugin builds the store with its global options, then a child per limited route.
  const storeFor = (keys: string) =>
    function (
      this: unknown,
      params: FastifyRateLimitOptions & { continueExceeding?: boolean; exponentialBackoff?: boolean; cache?: number },
    ) {
      const c = params.continueExceeding ?? false;
      const e = params.exponentialBackoff ?? false;
      const shared = new RedisStore(c, e, redis, `${opts.keyPrefix}${keys}`);
      return failoverStore(shared, new LocalStore(c, e, params.cache), health);
    } as unknown as FastifyRateLimitStoreCtor;

  return {
    storeFor,
    state: () => {
      if (outage) return { store: 'redis', ok: false, ...outage };
      // Not connected yet (start-up, or a server that accepts but never answers): memory meanwhile.
      if (redis.status !== 'ready')
        return { store: 'redis', ok: false, reason: `not connected (${redis.status})`, since: Date.now() };
      return { store: 'redis', ok: true };
    },
    async close() {
      closing = true;
      redis.disconnect();
    },
  };
}

/** What a failover store asks of the connection: whether to try Redis, and what came of it. */
interface RedisHealth {
  useRedis(): boolean;
  down(reason: string): void;
  up(): void;
}

/** One route's counter: Redis first, this process's memory when Redis fails. */
function failoverStore(shared: PluginStore, local: PluginStore, health: RedisHealth): PluginStore {
  return {
    incr(key, cb, timeWindow, max) {
      if (!health.useRedis()) return local.incr(key, cb, timeWindow, max);
      shared.incr(
        key,
        (err, res) => {
          if (err || !res) {
            health.down(err?.message ?? 'no answer');
            return local.incr(key, cb, timeWindow, max);
          }
          health.up();
          cb(null, res);
        },
        timeWindow,
        max,
      );
    },
    read(key, cb, timeWindow, max) {
      const fallback = () => (local.read ? local.read(key, cb, timeWindow, max) : cb(null, { current: 0, ttl: 0 }));
      if (!health.useRedis() || !shared.read) return fallback();
      shared.read(key, (err, res) => (err || !res ? fallback() : cb(null, res)), timeWindow, max);
    },
    child(routeOptions) {
      return failoverStore(shared.child(routeOptions), local.child(routeOptions), health);
    },
  };
}
