import type { AppDeps } from '../app-deps.js';
import { sendError } from '../http/errors.js';
import type { ApiHandlers } from '../http/register-routes.js';
import { homeOf } from './home.service.js';

/** GET /home (R-HOME-1) for web and kiosk sessions. */
export const homeRoutes = (deps: AppDeps) =>
  ({
    async home(request, reply) {
      const home = request.session ? await homeOf(deps.db, request.session.accountId) : undefined;
      if (!home) return sendError(reply, 'unauthenticated');
      return reply.header('cache-control', 'no-store').send(home);
    },
  }) satisfies Partial<ApiHandlers>;
