import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { sendError } from '../http/errors.js';
import { readCookie } from './cookies.js';
import { resumeSession, type AuthSession } from './sessions.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireSession`; null on routes that do not require one. */
    session: AuthSession | null;
  }
}

/** Web sessions arrive as the session cookie; kiosk sessions as `Authorization: Bearer <token>`. */
export function presentedToken(request: FastifyRequest): { token: string; kind: 'web' | 'kiosk' } | null {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const token = auth.slice('Bearer '.length).trim();
    return token && token.length <= 200 ? { token, kind: 'kiosk' } : null;
  }
  const cookie = readCookie(request, 'session');
  return cookie ? { token: cookie, kind: 'web' } : null;
}

/**
 * preHandler for signed-in routes: `{ preHandler: requireSession(deps) }`. Answers 401
 * `unauthenticated` unless the request carries a live session; then `request.session` is set.
 * `{ use: false }`: the request only reads the session's state and does not count as a use.
 */
export function requireSession(deps: Pick<AppDeps, 'db' | 'clock'>, options: { use?: boolean } = {}) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const presented = presentedToken(request);
    const session = presented
      ? await resumeSession(deps.db, deps.clock, presented.token, presented.kind, options)
      : null;
    if (!session) return sendError(reply, 'unauthenticated');
    request.session = session;
  };
}
