import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { staffApi } from '../../src-shared/staff-api/routes.js';
import { sendError } from '../http/errors.js';
import type { RegisterRoutes } from '../http/register-routes.js';
import { publicEndpointLimit } from '../http/rate-limit.js';
import { registrationOptions, verifyRegistration } from './registration.service.js';
import { requireStaff } from './require-staff.js';
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
export const staffAuthRoutes: RegisterRoutes = (app, deps) => {
  const limited = { config: publicEndpointLimit(deps.config) };

  app.post(
    staffApi.registrationOptions.path,
    { ...limited, schema: { body: staffApi.registrationOptions.body } },
    async (request, reply) => {
      const r = await registrationOptions(deps, request.body);
      if (r.status !== 'ok') return sendError(reply, 'registration_code_invalid');
      return { options: r.options };
    },
  );

  app.post(
    staffApi.registrationVerify.path,
    { ...limited, schema: { body: staffApi.registrationVerify.body } },
    async (request, reply) => {
      const { staffId, code, response } = request.body;
      const r = await verifyRegistration(deps, {
        staffId,
        code,
        response: response as unknown as RegistrationResponseJSON,
        ip: request.ip,
      });
      if (r.status === 'registration_code_invalid') return sendError(reply, 'registration_code_invalid');
      if (r.status === 'response_invalid') return sendError(reply, 'invalid_request', { fields: ['response'] });
      return reply.code(204).send();
    },
  );

  app.post(
    staffApi.loginOptions.path,
    { ...limited, schema: { body: staffApi.loginOptions.body } },
    async (request) => ({
      options: await staffLoginOptions(deps, request.body.staffId),
    }),
  );

  app.post(
    staffApi.loginVerify.path,
    { ...limited, schema: { body: staffApi.loginVerify.body } },
    async (request, reply) => {
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
  );

  app.post(staffApi.logout.path, async (request, reply) => {
    const token = readStaffCookie(request);
    if (token) await endStaffSession(deps.db, deps.clock, token, request.ip);
    clearStaffCookie(request, reply);
    return reply.code(204).send();
  });

  app.get(staffApi.me.path, { preHandler: requireStaff(deps) }, async (request) => {
    const s = request.staff;
    if (!s) throw new Error('requireStaff ran without setting request.staff');
    return { staff: { staffId: s.staffId, name: s.name, role: s.role, office: s.officeName } };
  });

  app.post(
    staffApi.stepUpOptions.path,
    { preHandler: requireStaff(deps), schema: { body: staffApi.stepUpOptions.body } },
    async (request) => {
      if (!request.staff) throw new Error('requireStaff ran without setting request.staff');
      return { options: await stepUpOptions(deps, request.staff, request.body) };
    },
  );
};
