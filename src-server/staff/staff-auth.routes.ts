import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AppDeps } from '../app-deps.js';
import { sendError } from '../http/errors.js';
import type { StaffHandlers } from '../http/register-routes.js';
import { registrationOptions, verifyRegistration } from './registration.service.js';
import {
  clearStaffCookie,
  readKnownBrowserCookie,
  readStaffCookie,
  setKnownBrowserCookie,
  setStaffCookie,
} from './staff-cookies.js';
import { staffLoginOptions, verifyStaffLogin } from './staff-login.service.js';
import { endStaffSession } from './staff-sessions.service.js';
import { stepUpOptions } from './step-up.service.js';

/** 職員ログイン: passkey registration with a one-time code, sign-in, sign-out, who am I, step-up options. */
export const staffAuthRoutes = (deps: AppDeps) =>
  ({
    async registrationOptions(request, reply) {
      const r = await registrationOptions(deps, request.body);
      if (r.status !== 'ok') return sendError(reply, 'registration_code_invalid');
      return { options: { ...r.options } };
    },

    async registrationVerify(request, reply) {
      const { staffId, code, response } = request.body;
      const r = await verifyRegistration(deps, {
        staffId,
        code,
        response: response as unknown as RegistrationResponseJSON,
        ip: request.ip,
      });
      if (r.status === 'registration_code_invalid') return sendError(reply, 'registration_code_invalid');
      if (r.status === 'response_invalid') return sendError(reply, 'invalid_request', { fields: ['response'] });
      return reply.send();
    },

    async loginOptions(request) {
      return { options: { ...(await staffLoginOptions(deps, request.body.staffId)) } };
    },

    async loginVerify(request, reply) {
      const { staffId, response } = request.body;
      const r = await verifyStaffLogin(deps, {
        staffId,
        response: response as unknown as AuthenticationResponseJSON,
        ip: request.ip,
        marker: readKnownBrowserCookie(request),
      });
      if (r.status === 'staff_login_limited')
        return sendError(reply.header('retry-after', String(r.retryAfterSeconds)), 'rate_limited');
      if (r.status !== 'signed_in') return sendError(reply, 'staff_login_failed');
      setStaffCookie(request, reply, r.token, r.maxAgeSeconds);
      setKnownBrowserCookie(request, reply, r.marker);
      return { staff: r.staff };
    },

    async logout(request, reply) {
      const token = readStaffCookie(request);
      if (token) await endStaffSession(deps.db, deps.clock, token, request.ip);
      clearStaffCookie(request, reply);
      return reply.send();
    },

    async me(request) {
      const s = request.staff;
      if (!s) throw new Error('requireStaff ran without setting request.staff');
      return { staff: { staffId: s.staffId, name: s.name, role: s.role, office: s.officeName } };
    },

    async stepUpOptions(request) {
      if (!request.staff) throw new Error('requireStaff ran without setting request.staff');
      return { options: { ...(await stepUpOptions(deps, request.staff, request.body)) } };
    },
  }) satisfies Partial<StaffHandlers>;
