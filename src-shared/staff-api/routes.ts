import type { z } from 'zod';
import * as auth from './auth.js';

/**
 * The staff listener's endpoints (STAFF_PORT, issue 14), like `../api/routes.ts`: the service
 * registers its staff routes from this table and the staff console calls through it. The
 * employer listener serves none of them (404). Sign-in entries first; the staff actions append theirs.
 */
type Route = { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: z.ZodType; response?: z.ZodType; status: number };

export const staffApi = {
  registrationOptions: { method: 'POST', path: '/api/v1/staff/registration/options', body: auth.RegistrationOptionsRequest, response: auth.WebAuthnOptionsResponse, status: 200 },
  registrationVerify: { method: 'POST', path: '/api/v1/staff/registration/verify', body: auth.RegistrationVerifyRequest, status: 204 },
  loginOptions: { method: 'POST', path: '/api/v1/staff/login/options', body: auth.LoginOptionsRequest, response: auth.WebAuthnOptionsResponse, status: 200 },
  loginVerify: { method: 'POST', path: '/api/v1/staff/login/verify', body: auth.LoginVerifyRequest, response: auth.StaffMeResponse, status: 200 },
  logout: { method: 'POST', path: '/api/v1/staff/logout', status: 204 },
  me: { method: 'GET', path: '/api/v1/staff/me', response: auth.StaffMeResponse, status: 200 },
  stepUpOptions: { method: 'POST', path: '/api/v1/staff/step-up/options', response: auth.WebAuthnOptionsResponse, status: 200 },
} as const satisfies Record<string, Route>;

export type StaffApiName = keyof typeof staffApi;
