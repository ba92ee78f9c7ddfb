import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.js';
import type { TrustProxy } from './config.js';
import { features } from './app-features.js';
import { installCookiePolicy } from './auth/cookies.js';
import { getDummyHash } from './crypto/passwords.js';
import { routerOptions } from './http/path-params.js';
import { installErrorHandler, sendError } from './http/errors.js';
import { loggerOptions, OneLineRequestLog } from './http/logging.js';
import { serveOpenApi } from './http/openapi/serve.js';
import { installOriginCheck } from './http/origin-check.js';
import { installRateLimit } from './http/rate-limit.js';
import { installRenderer } from './http/renderer.js';
import { installSecurityHeaders, NO_STORE, securityHeaders } from './http/security-headers.js';
import { devMailboxRoutes } from './mail/dev-mailbox.routes.js';
import { createOutboxSender } from './mail/outbox-sender.js';
import { coreChecks } from './ops/checks.js';
import { createMetrics } from './ops/metrics.js';
import { installDrainingClose, installOpsRoutes } from './ops/ops.routes.js';
import { createReadiness, type Readiness } from './ops/readiness.js';
import { createRetentionSweep } from './ops/retention.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Tell this app's mail sender that a committed transaction queued mail. */
    mailQueued?: () => void;
  }
}

/** What the caller provides; buildApp adds the mail sender's kick, the readiness checks and the metrics. */
export type ServiceDeps = Omit<AppDeps, 'mailQueued' | 'readiness' | 'metrics'>;

export interface BuildOptions {
  /** Fastify logger options; default: pino at config.logLevel with secrets redacted. */
  logger?: FastifyServerOptions['logger'];
  /** How often the mail sender looks for due mail (real milliseconds). */
  mailPollMs?: number;
  /** Real time between retention sweeps (default RETENTION.intervalMs); 0: never (tests call runOnce). */
  sweepIntervalMs?: number;
  /** The readiness list to use (server.ts keeps it to mark the instance draining on shutdown). */
  readiness?: Readiness;
}

/**
 * The whole service as a Fastify instance that is ready but not listening (fastify/demo's shape):
 * tests use `app.inject()` or listen on port 0; server.ts listens on the configured port.
 */
export async function buildApp(service: ServiceDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const { config } = service;
  const headers = securityHeaders({ hsts: config.production });
  const frameworkErrorHeaders = { ...headers, ...NO_STORE };
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    routerOptions,
    bodyLimit: 16 * 1024, // every request of the contract is small
    trustProxy: fastifyTrustProxy(config.trustProxy),
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
      void sendError(reply.headers(frameworkErrorHeaders), err.statusCode === 414 ? 414 : 400, 'invalid_request'),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  // Without SMTP the sender still completes the stand-ins' dropped rows (outbox-sender.ts).
  const sender = createOutboxSender({
    db: service.db,
    dialect: service.dialect,
    clock: service.clock,
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    maxConnections: config.smtpMaxConnections,
    log: app.log,
    pollMs: options.mailPollMs,
  });
  const readiness = options.readiness ?? createReadiness();
  for (const check of coreChecks(service)) readiness.register(check);
  const metrics = createMetrics(service);
  metrics.install(app);
  const deps: AppDeps = { ...service, mailQueued: () => void sender.kick(), readiness, metrics: metrics.port };
  const sweep = createRetentionSweep({ ...service, log: app.log });
  // The dummy hash is made before the first request, so the first unknown ID is not slower.
  app.addHook('onReady', async () => {
    await getDummyHash();
    sender.start();
    if (options.sweepIntervalMs !== 0) sweep.start(options.sweepIntervalMs);
  });
  app.addHook('onClose', async () => {
    await Promise.all([sender.stop(), sweep.stop()]);
  });

  installSecurityHeaders(app, headers);
  await app.register(cookie);
  installCookiePolicy(app, config);
  await installRateLimit(app, config, { readiness, registry: metrics.registry });
  installOriginCheck(app, config);
  app.decorateRequest('session', null);

  for (const feature of [...features, devMailboxRoutes]) {
    await app.register(async (scope) => feature(scope.withTypeProvider<ZodTypeProvider>(), deps));
  }
  installOpsRoutes(app, { readiness, metrics, metricsToken: config.metricsToken });
  installDrainingClose(app, readiness);
  // The staff listener (staff-app.ts) kicks the same mail sender after its own commits.
  app.decorate('mailQueued', deps.mailQueued);
  serveOpenApi(app, 'employer');
  // The staff console's page is the staff listener's (staff-app.ts), never the public one's.
  await installRenderer(app, config.rendererDir, { hide: ['staff.html'] });
  await app.ready();
  return app;
}

/** Fastify's types leave out the hop count it accepts; a count is "trust the nearest N hops". */
export function fastifyTrustProxy(t: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_address, hop) => hop < t : t;
}
