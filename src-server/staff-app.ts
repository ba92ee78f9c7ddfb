import type { FastifyInstance } from 'fastify';
import { staffApi } from '../src-shared/staff-api/routes.js';
import type { Config } from './config.js';
import { sendError } from './http/errors.js';
import { serveOpenApi } from './http/openapi/serve.js';
import { originAllowed } from './http/origin-check.js';
import { installScreenFiles } from './http/screen-files.js';
import type { Listener } from './listener.js';
import { registerTable } from './http/table-routes.js';
import { staffGuards, staffHandlers } from './staff-features.js';

/**
 * The staff console's own listener (STAFF_PORT, issue 14): the staff API under /api/v1/staff and
 * the console page (staff.html) at `/` — no employer route at all. It shares the database, clock,
 * mail sender and per-IP limits' store with the employer listener (service.ts); buildListener
 * (listener.ts) gives it the same set-up, and here it gets its own cookie policy, Origin check
 * (STAFF_PUBLIC_ORIGIN only) and limits' keys.
 */
export function staffListener(
  config: Pick<Config, 'staffPublicOrigin' | 'staffHost' | 'staffTrustProxy' | 'rendererDir'>,
): Listener {
  const staffOrigin = config.staffPublicOrigin;
  if (!staffOrigin) throw new Error('staffListener: STAFF_PORT is not set (config.staffPublicOrigin is empty)');
  return {
    trustProxy: config.staffTrustProxy,
    cookies: { publicOrigin: staffOrigin, host: config.staffHost, trustProxy: config.staffTrustProxy },
    // Its own keys: a staff sign-in never counts against the employer login's per-IP limit.
    rateLimitKeys: 'staff:',
    async install(app, deps) {
      installStaffOriginCheck(app, staffOrigin);
      app.decorateRequest('staff', null);
      await app.register(async (scope) =>
        registerTable(scope, deps.config, staffApi, staffHandlers(deps), staffGuards(deps)),
      );
      serveOpenApi(app, 'staff');
      // Only the console's page: the employer's and the kiosk's pages are the employer listener's.
      await installScreenFiles(app, config.rendererDir, {
        index: 'staff.html',
        hide: ['index.html', 'kiosk.html'],
        onlyOwnAssets: true,
      });
    },
  };
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
      return sendError(reply, 'forbidden_origin');
    }
  });
}
