import type { AppDeps } from '../app-deps.js';
import { readCookie } from '../auth/cookies.js';
import { sendError } from '../http/errors.js';
import type { ApiHandlers } from '../http/register-routes.js';
import { completePasswordReset, requestPasswordReset } from './password-reset.service.js';
import { completeReregistration, requestReregistration } from './reregistration.service.js';

/** POST /password-reset(/complete), /reregistration(/complete) (API.md, "Recovery"). Routes only translate. */
export const recoveryRoutes = (deps: AppDeps) =>
  ({
    async passwordReset(request, reply) {
      await requestPasswordReset(deps, {
        loginId: request.body.id,
        ip: request.ip,
        knownBrowserToken: readCookie(request, 'known'),
      });
      return reply.send();
    },

    async passwordResetComplete(request, reply) {
      const { id, key, newPassword, newPasswordConfirm } = request.body;
      const r = await completePasswordReset(deps, {
        loginId: id,
        key,
        newPassword,
        newPasswordConfirm,
        ip: request.ip,
      });
      switch (r.status) {
        case 'done':
          return reply.send();
        case 'password_policy':
          return sendError(reply, 'password_policy', { violations: r.violations });
        case 'password_mismatch':
          return sendError(reply, 'password_mismatch');
        case 'key_invalid':
          return sendError(reply, 'key_invalid');
      }
    },

    async reregistration(request, reply) {
      const r = await requestReregistration(deps, {
        loginId: request.body.id,
        password: request.body.password,
        knownBrowserToken: readCookie(request, 'known'),
        ip: request.ip,
      });
      switch (r.status) {
        case 'mailed':
          return reply.send();
        case 'invalid_credentials':
          return sendError(reply, 'invalid_credentials');
        case 'locked':
          return sendError(reply.header('retry-after', String(r.retryAfterSeconds)), 'locked', {
            retryAfterSeconds: r.retryAfterSeconds,
          });
        case 'reregistration_expired':
          return sendError(reply, 'reregistration_expired');
      }
    },

    async reregistrationComplete(request, reply) {
      const r = await completeReregistration(deps, { loginId: request.body.id, key: request.body.key, ip: request.ip });
      return r.status === 'done' ? reply.send() : sendError(reply, 'key_invalid');
    },
  }) satisfies Partial<ApiHandlers>;
