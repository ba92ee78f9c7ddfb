import { api } from '../../src-shared/api/routes.js';
import { HomeResponse } from '../../src-shared/api/schemas.js';
import type { RegisterRoutes } from '../http/register-routes.js';
import { requireSession } from '../auth/session.hook.js';
import { sendError } from '../http/errors.js';
import { homeOf } from './home.service.js';

/** GET /home (R-HOME-1) for web and kiosk sessions. */
export const homeRoutes: RegisterRoutes = (app, deps) => {
  app.get(
    api.home.path,
    { schema: { response: { 200: HomeResponse } }, preHandler: requireSession(deps) },
    async (request, reply) => {
      const home = request.session ? await homeOf(deps.db, request.session.accountId) : undefined;
      if (!home) return sendError(reply, 'unauthenticated');
      return reply.header('cache-control', 'no-store').send(home);
    },
  );
};
