import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Gauge, type Registry } from 'prom-client';
import type { Config } from '../config.js';
import { fail, ok, type Readiness } from '../ops/readiness.js';
import { errorBody } from './errors.js';
import { createSharedRateLimitStore, type RateLimitStoreState } from './rate-limit-store.js';

/**
 * Per-IP limits on the endpoints anyone can call (login, OTP, recovery, kiosk enrollment).
 * Not global: signed-in endpoints are limited by the session. With REDIS_URL the counts are one
 * store for every instance (rate-limit-store.ts), falling back to this process while Redis is
 * down; without it they are per process (in memory). The exact limits of the seed (5 passwords,
 * 10 OTPs) are kept in the database instead.
 */
export async function installRateLimit(
  app: FastifyInstance,
  config: Pick<Config, 'redisUrl' | 'redisKeyPrefix'>,
  ops: { readiness: Readiness; registry: Registry },
): Promise<{ state(): RateLimitStoreState }> {
  const shared = config.redisUrl
    ? createSharedRateLimitStore({ redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix, log: app.log })
    : undefined;
  await app.register(rateLimit, {
    global: false,
    ...(shared ? { store: shared.Store } : {}),
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode, ...errorBody('rate_limited') }),
  });
  if (!shared) return { state: () => ({ store: 'memory' }) };
  app.addHook('onClose', () => shared.close());
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
  return shared;
}

/** Route `config` for an unauthenticated endpoint: `config: publicEndpointLimit(deps.config)`. */
export function publicEndpointLimit(config: Pick<Config, 'rateLimitPerMinute'>): {
  rateLimit?: { max: number; timeWindow: string };
} {
  return config.rateLimitPerMinute > 0 ? { rateLimit: { max: config.rateLimitPerMinute, timeWindow: '1 minute' } } : {};
}
