import { api } from '../../src-shared/api/routes.js';
import { sendError } from '../http/errors.js';
import type { RegisterRoutes } from '../http/register-routes.js';
import { requireSession } from './session.hook.js';
import { extendSession } from './sessions.service.js';

/**
 * POST /session/extend (「延長する」, issue 13): a live session's idle time starts again; GET /session:
 * when the live session ends, read without using it. 401 without a live session.
 */
export const sessionRoutes: RegisterRoutes = (app, deps) => {
  app.get(
    api.session.path,
    { preHandler: requireSession(deps, { use: false }), schema: { response: { 200: api.session.response } } },
    async (request, reply) => {
      const session = request.session;
      if (!session) return sendError(reply, 'unauthenticated'); // cannot happen: the preHandler answers first
      return reply.header('cache-control', 'no-store').send({
        kind: session.kind,
        idleEndsAt: new Date(session.idleEndsAt).toISOString(),
        endsAt: new Date(session.endsAt).toISOString(),
        secondsLeft: Math.max(0, Math.ceil((session.idleEndsAt - deps.clock.now().getTime()) / 1000)), // idleEndsAt is never past endsAt
      });
    },
  );

  app.post(api.sessionExtend.path, { preHandler: requireSession(deps) }, async (request, reply) => {
    if (request.session) await extendSession(deps.db, deps.clock, request.session);
    return reply.code(204).send();
  });
};
