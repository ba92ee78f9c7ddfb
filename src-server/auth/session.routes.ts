import { api } from '../../src-shared/api/routes.js';
import type { Feature } from '../http/feature.js';
import { requireSession } from './session.hook.js';
import { extendSession } from './sessions.service.js';

/** POST /session/extend (「延長する」, issue 13): a live session's idle time starts again; 401 otherwise. */
export const sessionRoutes: Feature = (app, deps) => {
  app.post(api.sessionExtend.path, { preHandler: requireSession(deps) }, async (request, reply) => {
    if (request.session) await extendSession(deps.db, deps.clock, request.session);
    return reply.code(204).send();
  });
};
