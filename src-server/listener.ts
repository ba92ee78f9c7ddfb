import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.js';
import type { Config, TrustProxy } from './config.js';
import { installCookiePolicy } from './auth/cookies.js';
import { installErrorHandler, sendUnroutable } from './http/errors.js';
import type { ZodApp } from './http/register-routes.js';
import { OneLineRequestLog } from './http/logging.js';
import { routerOptions } from './http/path-params.js';
import type { RateLimits } from './http/rate-limit.js';
import { installSecurityHeaders, NO_STORE, securityHeaders } from './http/security-headers.js';
import { installDrainingClose } from './ops/ops.routes.js';

/** What one listener adds to the shared set-up: who it trusts, its cookies, its limits' keys, its routes. */
export interface Listener {
  /** Whose X-Forwarded-For/-Proto count on this listener (TRUST_PROXY, STAFF_TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** The origin its browsers use, for its cookies' Secure/__Host- choice (auth/cookies.ts). */
  cookies: Pick<Config, 'publicOrigin' | 'host' | 'trustProxy'>;
  /** Its own part of the per-IP limits' keys (under REDIS_KEY_PREFIX): one listener's counts never fill another's. */
  rateLimitKeys: string;
  /** Its own hooks, routes and pages, added after the shared set-up. */
  install(app: ZodApp, deps: AppDeps): Promise<void>;
}

/** The service's parts every listener uses, built once by composeService (service.ts). */
export interface ListenerParts {
  log: FastifyBaseLogger;
  rateLimits: RateLimits;
}

/**
 * One listener of the service as a Fastify instance that is ready but not listening (fastify/demo's
 * `buildApp()`): tests use `app.inject()` or listen on port 0; server.ts listens on the configured
 * port. Both listeners (app.ts, the employer's; staff-app.ts, the staff console's) get the same
 * logging, deadlines, error answers, security headers, cookies and per-IP limits, and the
 * connection-closing of a draining instance; then each adds its own.
 */
export async function buildListener(deps: AppDeps, parts: ListenerParts, listener: Listener): Promise<FastifyInstance> {
  const { config } = deps;
  const headers = securityHeaders({ hsts: config.production });
  const frameworkErrorHeaders = { ...headers, ...NO_STORE };
  const app = Fastify({
    loggerInstance: parts.log,
    routerOptions,
    bodyLimit: 16 * 1024, // every request of the contract is small
    trustProxy: fastifyTrustProxy(listener.trustProxy),
    // config.ts HTTP_TIMEOUTS says why each deadline is what it is.
    requestTimeout: config.http.requestMs,
    keepAliveTimeout: config.http.keepAliveMs,
    connectionTimeout: config.http.connectionMs,
    http: { headersTimeout: config.http.headersMs, connectionsCheckingInterval: config.http.checkIntervalMs },
    logController: new OneLineRequestLog(),
    // Router-level refusals (a broken %-escape in the path, a path parameter longer than
    // maxParamLength) never reach the error handler: answer them like any other bad request.
    // No onRequest hook runs for them, so they get the security headers and no-store here.
    frameworkErrors: (err, _request, reply) =>
      void sendUnroutable(reply.headers(frameworkErrorHeaders), err.statusCode === 414 ? 414 : 400),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installSecurityHeaders(app, headers);
  await app.register(cookie);
  installCookiePolicy(app, listener.cookies);
  await parts.rateLimits.install(app, listener.rateLimitKeys);
  installDrainingClose(app, deps.readiness);
  await listener.install(app, deps);
  await app.ready();
  return app;
}

/** Fastify's types leave out the hop count it accepts; a count is "trust the nearest N hops". */
export function fastifyTrustProxy(t: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_address, hop) => hop < t : t;
}
