import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { api } from '../src-shared/api/routes.js';
import { employerGuards, employerHandlers } from './app-features.js';
import { serveOpenApi } from './http/openapi/serve.js';
import { installOriginCheck } from './http/origin-check.js';
import { installScreenFiles } from './http/screen-files.js';
import { registerTable } from './http/table-routes.js';
import type { Listener } from './listener.js';
import { devMailboxRoutes } from './mail/dev-mailbox.routes.js';
import type { Metrics } from './ops/metrics.js';
import { installOpsRoutes } from './ops/ops.routes.js';
import type { Readiness } from './ops/readiness.js';

/**
 * The employer listener (PORT): the My Page API under /api/v1, its OpenAPI document, /healthz,
 * /readyz and /metrics, and the employer's and the kiosk's screens at `/`. buildListener
 * (listener.ts) gives it the shared set-up first.
 */
export function employerListener(
  config: Pick<Config, 'trustProxy' | 'publicOrigin' | 'host' | 'metricsToken' | 'rendererDir'>,
  ops: { readiness: Readiness; metrics: Metrics },
): Listener {
  return {
    trustProxy: config.trustProxy,
    cookies: config,
    rateLimitKeys: '',
    async install(app, deps) {
      ops.metrics.install(app);
      installOriginCheck(app, config);
      app.decorateRequest('session', null);
      await app.register(async (scope) =>
        registerTable(scope, deps.config, api, employerHandlers(deps), employerGuards(deps)),
      );
      await app.register(async (scope) => devMailboxRoutes(scope.withTypeProvider<ZodTypeProvider>(), deps));
      installOpsRoutes(app, { readiness: ops.readiness, metrics: ops.metrics, metricsToken: config.metricsToken });
      serveOpenApi(app, 'employer');
      // The staff console's page is the staff listener's (staff-app.ts), never the public one's.
      await installScreenFiles(app, config.rendererDir, { hide: ['staff.html'] });
    },
  };
}
