import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { Registry } from 'prom-client';
import { fastifyTrustProxy, type ServiceDeps } from './app.js';
import type { AppDeps } from './app-deps.js';
import { installCookiePolicy } from './auth/cookies.js';
import { serveOpenApi } from './http/openapi/serve.js';
import { routerOptions } from './http/path-params.js';
import { installErrorHandler, sendError } from './http/errors.js';
import { loggerOptions, OneLineRequestLog } from './http/logging.js';
import { originAllowed } from './http/origin-check.js';
import { installRateLimit } from './http/rate-limit.js';
import { installRenderer } from './http/renderer.js';
import { installSecurityHeaders, NO_STORE, securityHeaders } from './http/security-headers.js';
import { noopMetrics } from './ops/metrics-port.js';
import { createReadiness } from './ops/readiness.js';
import { staffFeatures } from './staff-features.js';

export interface StaffBuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** The employer app's kick of the mail sender (a staff action that queues mail calls it after commit). */
  mailQueued?: () => void;
}

/**
 * The staff console's own Fastify app (STAFF_PORT, issue 14): the staff API under
 * /api/v1/staff and the console page (staff.html) at `/` — no employer route at all. It shares
 * the database, clock and configuration with the employer app and has its own cookie policy,
 * Origin check (STAFF_PUBLIC_ORIGIN only), security headers and per-IP limits. Ready, not listening.
 */
export async function buildStaffApp(service: ServiceDeps, options: StaffBuildOptions = {}): Promise<FastifyInstance> {
  const { config } = service;
  const staffOrigin = config.staffPublicOrigin;
  if (!staffOrigin) throw new Error('buildStaffApp: STAFF_PORT is not set (config.staffPublicOrigin is empty)');
  const headers = securityHeaders({ hsts: config.production });
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    routerOptions,
    bodyLimit: 16 * 1024,
    trustProxy: fastifyTrustProxy(config.staffTrustProxy),
    requestTimeout: config.http.requestMs,
    keepAliveTimeout: config.http.keepAliveMs,
    connectionTimeout: config.http.connectionMs,
    http: { headersTimeout: config.http.headersMs, connectionsCheckingInterval: config.http.checkIntervalMs },
    logController: new OneLineRequestLog(),
    frameworkErrors: (err, _request, reply) =>
      void sendError(reply.headers({ ...headers, ...NO_STORE }), err.statusCode === 414 ? 414 : 400, 'invalid_request'),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  const readiness = createReadiness();
  const deps: AppDeps = {
    ...service,
    mailQueued: options.mailQueued ?? (() => undefined),
    readiness,
    metrics: noopMetrics,
  };
  installSecurityHeaders(app, headers);
  await app.register(cookie);
  installCookiePolicy(app, { publicOrigin: staffOrigin, host: config.staffHost, trustProxy: config.staffTrustProxy });
  // Its own key prefix: a staff sign-in never counts against the employer login's per-IP limit.
  await installRateLimit(
    app,
    { redisUrl: config.redisUrl, redisKeyPrefix: `${config.redisKeyPrefix}staff:` },
    { readiness, registry: new Registry() },
  );
  installStaffOriginCheck(app, staffOrigin);
  app.decorateRequest('staff', null);

  for (const feature of staffFeatures) {
    await app.register(async (scope) => feature(scope.withTypeProvider<ZodTypeProvider>(), deps));
  }
  serveOpenApi(app, 'staff');
  // Only the console's page: the employer's and the kiosk's pages are the employer listener's.
  await installRenderer(app, config.rendererDir, {
    index: 'staff.html',
    hide: ['index.html', 'kiosk.html'],
    onlyOwnAssets: true,
  });
  await app.ready();
  return app;
}

/**
 * Every state change on the staff listener must come from the staff origin itself, cookie or
 * not: sign-in and registration too (a login CSRF would sign a console into someone else's session).
 */
function installStaffOriginCheck(app: FastifyInstance, staffOrigin: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const header = (name: string) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    if (
      !originAllowed({
        origin: header('origin'),
        secFetchSite: header('sec-fetch-site'),
        allowed: (o) => o === staffOrigin,
      })
    ) {
      request.log.warn({ origin: header('origin') }, 'cross-origin state change refused (staff)');
      return sendError(reply, 403, 'forbidden_origin');
    }
  });
}
