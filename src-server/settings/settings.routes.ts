import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { clearCookie, readCookie } from '../auth/cookies.js';
import type { AuthSession } from '../auth/sessions.service.js';
import { sendError } from '../http/errors.js';
import type { ApiHandlers } from '../http/register-routes.js';
import { listDevices, revokeDevice } from './devices.service.js';
import { changePassword, confirmEmailChange, requestEmailChange, withdraw, type Caller } from './settings.service.js';

type Refused =
  | { status: 'invalid_credentials' | 'unauthenticated' | 'password_mismatch' }
  | { status: 'locked'; retryAfterSeconds: number }
  | { status: 'password_policy'; violations: string[] };

/** The one place that turns a refusal of the settings services into an HTTP answer. */
function refuse(reply: FastifyReply, r: Refused): FastifyReply {
  switch (r.status) {
    case 'invalid_credentials':
      return sendError(reply, 'invalid_credentials');
    case 'unauthenticated':
      return sendError(reply, 'unauthenticated');
    case 'password_mismatch':
      return sendError(reply, 'password_mismatch');
    case 'password_policy':
      return sendError(reply, 'password_policy', { violations: r.violations });
    case 'locked':
      return sendError(reply.header('retry-after', String(r.retryAfterSeconds)), 'locked', {
        retryAfterSeconds: r.retryAfterSeconds,
      });
  }
}

/** Settings (API.md, "Settings (signed in)"): devices (R-OTP-5), password, ID, withdrawal. */
export const settingsRoutes = (deps: AppDeps) =>
  ({
    async devices(request) {
      const { accountId } = caller(request.session, request.ip);
      return { devices: await listDevices(deps, accountId, readCookie(request, 'device')) };
    },

    // R-OTP-5: 404 for an unknown id and for another account's id alike (see devices.service.ts).
    async deviceRevoke(request, reply) {
      const c = caller(request.session, request.ip);
      const done = await revokeDevice(deps, { accountId: c.accountId, deviceId: request.params.id, ip: c.ip });
      return done ? reply.send() : sendError(reply, 'not_found');
    },

    async passwordChange(request, reply) {
      const r = await changePassword(
        deps,
        caller(request.session, request.ip, readCookie(request, 'known')),
        request.body,
      );
      return r.status === 'done' ? reply.send() : refuse(reply, r);
    },

    async emailChange(request, reply) {
      const r = await requestEmailChange(deps, caller(request.session, request.ip, readCookie(request, 'known')), {
        newLoginId: request.body.newId,
        password: request.body.password,
      });
      return r.status === 'mailed' ? reply.send() : refuse(reply, r);
    },

    async emailConfirm(request, reply) {
      const r = await confirmEmailChange(deps, caller(request.session, request.ip), request.body);
      if (r.status === 'done') return reply.send();
      return r.status === 'key_invalid' ? sendError(reply, 'key_invalid') : refuse(reply, r);
    },

    async withdraw(request, reply) {
      const session = request.session;
      const r = await withdraw(deps, caller(session, request.ip, readCookie(request, 'known')), request.body);
      if (r.status !== 'done') return refuse(reply, r);
      if (session?.kind === 'web') clearCookie(request, reply, 'session');
      return reply.send();
    },
  }) satisfies Partial<ApiHandlers>;

/** The caller of a signed-in route (its session, set by the guard). */
function caller(session: AuthSession | null, ip: string, knownBrowserToken?: string): Caller {
  if (!session) throw new Error('requireSession did not run'); // cannot happen: the guard answers 401 first
  return {
    accountId: session.accountId,
    sessionId: session.id,
    ip,
    sessionTerminalId: session.terminalId,
    knownBrowserToken,
  };
}
