import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { clearCookie, readCookie, setCookie } from '../auth/cookies.js';
import { presentedToken } from '../auth/session.hook.js';
import { deviceLabel } from '../device-trust/device-trust.service.js';
import { sendError } from '../http/errors.js';
import type { ApiHandlers } from '../http/register-routes.js';
import { login } from './login.service.js';
import { endPreviousWebSession, logout } from './logout.service.js';
import { verifyOtp } from './otp.service.js';

/** R-OTP-8: 429 with the wait, on the login (after a correct password) and on the OTP step alike. */
function budgetRefusal(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  return sendError(reply.header('retry-after', String(retryAfterSeconds)), 'otp_budget_exhausted', {
    retryAfterSeconds,
  });
}

/** POST /login, /login/otp, /logout (API.md, "Sign-in"). Routes only translate; rules live in the services. */
export const loginRoutes = (deps: AppDeps) =>
  ({
    async login(request, reply) {
      const { id, password, attestation } = request.body;
      const deviceToken = attestation ? undefined : readCookie(request, 'device');
      const knownBrowserToken = attestation ? undefined : readCookie(request, 'known');
      const r = await login(deps, {
        loginId: id,
        password,
        ...(attestation ? { attestation } : {}),
        ...(deviceToken ? { deviceToken } : {}),
        ...(knownBrowserToken ? { knownBrowserToken } : {}),
        ip: request.ip,
      });
      deps.metrics.loginAnswered(r.status);
      switch (r.status) {
        case 'invalid_credentials': // R-LOGIN-3: counted per source, alike for unknown IDs
          return sendError(reply, 'invalid_credentials', { attemptsLeft: r.attemptsLeft });
        case 'locked':
          return sendError(reply.header('retry-after', String(r.retryAfterSeconds)), 'locked', {
            retryAfterSeconds: r.retryAfterSeconds,
          });
        case 'withdrawn':
          return sendError(reply, 'withdrawn', { reregistrable: r.reregistrable });
        case 'otp_budget_exhausted':
          return budgetRefusal(reply, r.retryAfterSeconds);
        case 'kiosk_update_required': // R-FLEET-1
          return sendError(reply, 'kiosk_update_required');
        case 'otp_required':
          return {
            status: 'otp_required' as const,
            challenge: r.challenge,
            expiresAt: r.expiresAt.toISOString(),
            ...(r.attestationFailed ? { attestationFailed: true } : {}),
          };
        case 'authenticated':
          if (r.kind === 'kiosk')
            return {
              status: 'authenticated' as const,
              kind: 'kiosk' as const,
              token: r.sessionToken,
              expiresAt: r.expiresAt.toISOString(),
            };
          await endPreviousWebSession(deps, readCookie(request, 'session'));
          setCookie(request, reply, 'session', r.sessionToken, r.maxAgeSeconds);
          setCookie(request, reply, 'known', r.knownBrowser.token, r.knownBrowser.maxAgeSeconds);
          return { status: 'authenticated' as const, kind: 'web' as const };
      }
    },

    async loginOtp(request, reply) {
      const { challenge, otp, rememberDevice } = request.body;
      const knownBrowserToken = readCookie(request, 'known');
      const r = await verifyOtp(deps, {
        challenge,
        otp,
        rememberDevice,
        deviceLabel: deviceLabel(request.headers['user-agent']),
        knownBrowserToken,
        ip: request.ip,
      });
      switch (r.status) {
        case 'otp_invalid':
          return sendError(reply, 'otp_invalid', { attemptsLeft: r.attemptsLeft });
        case 'otp_expired':
          return sendError(reply, 'otp_expired');
        case 'otp_exhausted':
          return sendError(reply, 'otp_exhausted');
        case 'otp_budget_exhausted':
          return budgetRefusal(reply, r.retryAfterSeconds);
        case 'authenticated':
          if (r.kind === 'kiosk')
            return {
              status: 'authenticated' as const,
              kind: 'kiosk' as const,
              token: r.sessionToken,
              expiresAt: r.expiresAt.toISOString(),
            };
          await endPreviousWebSession(deps, readCookie(request, 'session'));
          setCookie(request, reply, 'session', r.sessionToken, r.maxAgeSeconds);
          setCookie(request, reply, 'known', r.knownBrowser.token, r.knownBrowser.maxAgeSeconds);
          if (r.device) setCookie(request, reply, 'device', r.device.token, r.device.maxAgeSeconds);
          return { status: 'authenticated' as const, kind: 'web' as const };
      }
    },

    // Logout works for any presented session, live or not, and always answers 204.
    async logout(request, reply) {
      const presented = presentedToken(request);
      if (presented) {
        await logout(deps, { token: presented.token, ip: request.ip });
      }
      if (presented?.kind !== 'kiosk') clearCookie(request, reply, 'session');
      return reply.send();
    },
  }) satisfies Partial<ApiHandlers>;
