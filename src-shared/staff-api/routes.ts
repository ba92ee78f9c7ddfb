import type { z } from 'zod';
import type { ErrorCode } from '../api/errors.js';
import * as actions from './actions.js';
import * as auth from './auth.js';

/**
 * The staff listener's endpoints (STAFF_PORT, issue 14), like `../api/routes.ts`: the service
 * registers its staff routes from this table and the staff console calls through it. The
 * employer listener serves none of them (404). Sign-in entries first; the staff actions append theirs.
 */
type Route = {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: z.ZodType;
  response?: z.ZodType;
  status: number;
  /** The error codes of its own outcomes (like ../endpoints.ts `errors`; guards, limits and schemas add theirs). */
  errors?: readonly ErrorCode[];
};

export const staffApi = {
  registrationOptions: {
    method: 'POST',
    path: '/api/v1/staff/registration/options',
    body: auth.RegistrationOptionsRequest,
    response: auth.WebAuthnOptionsResponse,
    status: 200,
    errors: ['registration_code_invalid'],
  },
  registrationVerify: {
    method: 'POST',
    path: '/api/v1/staff/registration/verify',
    body: auth.RegistrationVerifyRequest,
    status: 204,
    errors: ['registration_code_invalid', 'invalid_request'],
  },
  loginOptions: {
    method: 'POST',
    path: '/api/v1/staff/login/options',
    body: auth.LoginOptionsRequest,
    response: auth.WebAuthnOptionsResponse,
    status: 200,
  },
  loginVerify: {
    method: 'POST',
    path: '/api/v1/staff/login/verify',
    body: auth.LoginVerifyRequest,
    response: auth.StaffMeResponse,
    status: 200,
    errors: ['staff_login_failed', 'rate_limited'],
  },
  logout: { method: 'POST', path: '/api/v1/staff/logout', status: 204 },
  me: { method: 'GET', path: '/api/v1/staff/me', response: auth.StaffMeResponse, status: 200 },
  stepUpOptions: {
    method: 'POST',
    path: '/api/v1/staff/step-up/options',
    body: auth.StepUpOptionsRequest,
    response: auth.WebAuthnOptionsResponse,
    status: 200,
  },
  // staff actions (src-server/staff-desk/; schemas in ./actions.ts; `:ref` and `:id` take EmployerParams / KioskParams, GET queries EmployerSearchQuery / KiosksQuery / AuditQuery)
  employerSearch: {
    method: 'GET',
    path: '/api/v1/staff/employers',
    response: actions.EmployerSearchResponse,
    status: 200,
    errors: ['invalid_request'],
  },
  employerRevealId: {
    method: 'POST',
    path: '/api/v1/staff/employers/:ref/reveal-id',
    body: actions.RevealIdRequest,
    response: actions.RevealIdResponse,
    status: 200,
    errors: ['not_found'],
  },
  employerUnlock: { method: 'POST', path: '/api/v1/staff/employers/:ref/unlock', status: 204, errors: ['not_found'] },
  employerReinstate: {
    method: 'POST',
    path: '/api/v1/staff/employers/:ref/reinstate',
    body: actions.StepUpOnly,
    response: actions.ReinstateResponse,
    status: 200,
    errors: ['not_found', 'not_reinstatable'],
  },
  employerHistory: {
    method: 'GET',
    path: '/api/v1/staff/employers/:ref/history',
    response: actions.EmployerHistoryResponse,
    status: 200,
    errors: ['not_found'],
  },
  kiosks: { method: 'GET', path: '/api/v1/staff/kiosks', response: actions.KiosksResponse, status: 200 },
  kioskRevoke: {
    method: 'POST',
    path: '/api/v1/staff/kiosks/:id/revoke',
    body: actions.StepUpOnly,
    status: 204,
    errors: ['not_found'],
  },
  enrollmentCodes: {
    method: 'POST',
    path: '/api/v1/staff/enrollment-codes',
    body: actions.EnrollmentCodeRequest,
    response: actions.EnrollmentCodeResponse,
    status: 200,
    errors: ['office_unknown'],
  },
  audit: { method: 'GET', path: '/api/v1/staff/audit', response: actions.AuditResponse, status: 200 },
  offices: { method: 'GET', path: '/api/v1/staff/offices', response: actions.OfficesResponse, status: 200 },
} as const satisfies Record<string, Route>;

export type StaffApiName = keyof typeof staffApi;
