import rateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Gauge, type Registry } from 'prom-client';
import type { Config } from '../config.js';
import { fail, ok, type Readiness } from '../ops/readiness.js';
import { errorBody } from './errors.js';
import { createSharedRateLimitStore } from './rate-limit-store.js';

/** The per-IP limits of the service, built once (service.ts) and installed on each listener. */
export interface RateLimits {
  /** Registers the limits on a listener; its counts are kept under its own `keys` (e.g. `staff:`). */
  install(app: FastifyInstance, keys: string): Promise<void>;
  /** Disconnects from Redis (after the listeners have closed). */
  close(): Promise<void>;
}

/**
 * Per-IP limits on the endpoints anyone can call (login, OTP, recovery, kiosk enrollment).
 * Not global: signed-in endpoints are limited by the session. With REDIS_URL the counts are one
 * store for every instance (rate-limit-store.ts: one connection, whatever the listeners), falling
 * back to this process while Redis is down; without it they are per process (in memory). The
 * exact limits of the seed (5 passwords, 10 OTPs) are kept in the database instead.
 */
export function createRateLimits(
  config: Pick<Config, 'redisUrl' | 'redisKeyPrefix'>,
  ops: { log: FastifyBaseLogger; readiness: Readiness; registry: Registry },
): RateLimits {
  const shared = config.redisUrl
    ? createSharedRateLimitStore({ redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix, log: ops.log })
    : undefined;
  const install = async (app: FastifyInstance, keys: string) => {
    await app.register(rateLimit, {
      global: false,
      ...(shared ? { store: shared.storeFor(keys) } : {}),
      errorResponseBuilder: (_req, ctx) =>
        Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode, ...errorBody('rate_limited') }),
    });
  };
  if (!shared) return { install, close: async () => undefined };
  new Gauge({
    name: 'mypage_rate_limit_shared',
    help: 'Per-IP limits counted in Redis for every instance (1), or in this process while Redis does not answer (0)',
    registers: [ops.registry],
    collect() {
      const s = shared.state();
      this.set(s.store === 'redis' && s.ok ? 1 : 0);
    },
  });
  // Not critical: without Redis every instance still answers, with limits per process.
  ops.readiness.register({
    name: 'rate_limit_store',
    critical: false,
    check: async () => {
      const s = shared.state();
      return s.store === 'redis' && !s.ok
        ? fail(`Redis does not answer (${s.reason}); per-IP limits are per instance`)
        : ok();
    },
  });
  return { install, close: () => shared.close() };
}

/** Route `config` for an unauthenticated endpoint: `config: publicEndpointLimit(deps.config)`. */
export function publicEndpointLimit(config: Pick<Config, 'rateLimitPerMinute'>): {
  rateLimit?: { max: number; timeWindow: string };
} {
  return config.rateLimitPerMinute > 0 ? { rateLimit: { max: config.rateLimitPerMinute, timeWindow: '1 minute' } } : {};
}
