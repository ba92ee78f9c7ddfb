import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { errorBody } from './errors.js';

/**
 * Per-IP limits on the endpoints anyone can call (login, OTP, recovery, kiosk enrollment).
 * Not global: signed-in endpoints are limited by the session. The store is per process (in
 * memory); the exact limits of the seed (5 passwords, 10 OTPs) are kept in the database instead.
 */
export async function installRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode, ...errorBody('rate_limited') }),
  });
}

/** Route `config` for an unauthenticated endpoint: `config: publicEndpointLimit(deps.config)`. */
export function publicEndpointLimit(config: Pick<Config, 'rateLimitPerMinute'>): { rateLimit?: { max: number; timeWindow: string } } {
  return config.rateLimitPerMinute > 0 ? { rateLimit: { max: config.rateLimitPerMinute, timeWindow: '1 minute' } } : {};
}
