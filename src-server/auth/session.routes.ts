import type { AppDeps } from '../app-deps.js';
import { sendError } from '../http/errors.js';
import type { ApiHandlers } from '../http/register-routes.js';
import { extendSession } from './sessions.service.js';

/**
 * POST /session/extend (「延長する」, issue 13): a live session's idle time starts again; GET /session:
 * when the live session ends, read without using it (its entry's `peek`). 401 without a live session.
 */
export const sessionRoutes = (deps: AppDeps) =>
  ({
    async session(request, reply) {
      const session = request.session;
      if (!session) return sendError(reply, 'unauthenticated'); // cannot happen: the guard answers first
      return reply.header('cache-control', 'no-store').send({
        kind: session.kind,
        idleEndsAt: new Date(session.idleEndsAt).toISOString(),
        endsAt: new Date(session.endsAt).toISOString(),
        secondsLeft: Math.max(0, Math.ceil((session.idleEndsAt - deps.clock.now().getTime()) / 1000)), // idleEndsAt is never past endsAt
      });
    },

    async sessionExtend(request, reply) {
      if (request.session) await extendSession(deps.db, deps.clock, request.session);
      return reply.send();
    },
  }) satisfies Partial<ApiHandlers>;
