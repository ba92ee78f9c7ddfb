import type { z } from 'zod';
import type * as schemas from '../api/schemas.js';
import type { EndpointEntry } from '../endpoint-table.js';
import type * as actions from './actions.js';
import type * as auth from './auth.js';
import type { StaffRole, StepUpAction } from './auth.js';

/** What a staff schema recipe is given where zod is loaded (routes.ts): zod and the schemas. */
export type StaffSchemaKit = { z: typeof z; s: typeof schemas; auth: typeof auth; actions: typeof actions };

/**
 * An entry of the staff table (endpoint-table.ts: method, path, status, access, rate limit,
 * schema recipes), and what the staff listener adds:
 * - `access: 'staff'`: 401 `staff_unauthenticated` without a live staff session; with `role`,
 *   403 `staff_forbidden` for the other role.
 * - `stepUp`: a sensitive action; its body's `stepUp` must answer a challenge of
 *   `POST /step-up/options` for this `action` on the target named (a path parameter or a body
 *   field), else 403 `step_up_required` before anything is looked up.
 */
export type StaffEndpoint = EndpointEntry<StaffSchemaKit, 'anonymous' | 'staff'> & {
  role?: StaffRole;
  stepUp?: { action: StepUpAction; target: `params.${string}` | `body.${string}` };
};

/**
 * The one table of the staff listener's endpoints (STAFF_PORT, issue 14). Everything else is
 * derived: `staffApi` (routes.ts, the schemas built) that the service registers its staff routes
 * from; the staff console's client and its types (src-renderer/staff/lib/staff-client.ts,
 * staff-types.ts: `z.infer` through `import type`). The employer listener serves none of them (404).
 *
 * No zod at run time (only `import type`): the console's bundle imports this file, so a schema
 * is a recipe, `({ z, s, auth, actions }) => …`, that routes.ts runs where zod is loaded.
 * Adding a staff endpoint: one entry here, its handler in src-server (keyed by the entry's name),
 * its screen.
 */
export const staffEndpoints = {
  // ── sign-in (src-server/staff/) ──────────────────────────────────────────────
  registrationOptions: {
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/staff/registration/options',
    status: 200,
    errors: ['registration_code_invalid'],
    body: ({ auth }) => auth.RegistrationOptionsRequest,
    response: ({ auth }) => auth.WebAuthnOptionsResponse,
  },
  registrationVerify: {
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/staff/registration/verify',
    status: 204,
    errors: ['registration_code_invalid', 'invalid_request'],
    body: ({ auth }) => auth.RegistrationVerifyRequest,
  },
  loginOptions: {
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/staff/login/options',
    status: 200,
    body: ({ auth }) => auth.LoginOptionsRequest,
    response: ({ auth }) => auth.WebAuthnOptionsResponse,
  },
  loginVerify: {
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/staff/login/verify',
    status: 200,
    errors: ['staff_login_failed', 'rate_limited'],
    body: ({ auth }) => auth.LoginVerifyRequest,
    response: ({ auth }) => auth.StaffMeResponse,
  },
  /** Ends whatever staff session is presented, live or not (the route needs none). */
  logout: { access: 'anonymous', method: 'POST', path: '/api/v1/staff/logout', status: 204 },
  me: {
    access: 'staff',
    method: 'GET',
    path: '/api/v1/staff/me',
    status: 200,
    response: ({ auth }) => auth.StaffMeResponse,
  },
  stepUpOptions: {
    access: 'staff',
    method: 'POST',
    path: '/api/v1/staff/step-up/options',
    status: 200,
    body: ({ auth }) => auth.StepUpOptionsRequest,
    response: ({ auth }) => auth.WebAuthnOptionsResponse,
  },
  // ── the office counter (src-server/staff-desk/) ───────────────────────────────
  employerSearch: {
    access: 'staff',
    role: 'office',
    method: 'GET',
    path: '/api/v1/staff/employers',
    status: 200,
    errors: ['invalid_request'],
    query: ({ actions }) => actions.EmployerSearchQuery,
    response: ({ actions }) => actions.EmployerSearchResponse,
  },
  /** One employer as the employer screen shows it (another office's: 404 like none at all). */
  employer: {
    access: 'staff',
    role: 'office',
    method: 'GET',
    path: '/api/v1/staff/employers/:ref',
    status: 200,
    errors: ['not_found'],
    params: ({ actions }) => actions.EmployerParams,
    response: ({ actions }) => actions.EmployerSummary,
  },
  employerRevealId: {
    access: 'staff',
    role: 'office',
    stepUp: { action: 'reveal_id', target: 'params.ref' },
    method: 'POST',
    path: '/api/v1/staff/employers/:ref/reveal-id',
    status: 200,
    errors: ['not_found'],
    params: ({ actions }) => actions.EmployerParams,
    body: ({ actions }) => actions.RevealIdRequest,
    response: ({ actions }) => actions.RevealIdResponse,
  },
  employerUnlock: {
    access: 'staff',
    role: 'office',
    method: 'POST',
    path: '/api/v1/staff/employers/:ref/unlock',
    status: 204,
    errors: ['not_found'],
    params: ({ actions }) => actions.EmployerParams,
  },
  employerReinstate: {
    access: 'staff',
    role: 'office',
    stepUp: { action: 'reinstate', target: 'params.ref' },
    method: 'POST',
    path: '/api/v1/staff/employers/:ref/reinstate',
    status: 200,
    errors: ['not_found', 'not_reinstatable'],
    params: ({ actions }) => actions.EmployerParams,
    body: ({ actions }) => actions.StepUpOnly,
    response: ({ actions }) => actions.ReinstateResponse,
  },
  employerHistory: {
    access: 'staff',
    role: 'office',
    method: 'GET',
    path: '/api/v1/staff/employers/:ref/history',
    status: 200,
    errors: ['not_found'],
    params: ({ actions }) => actions.EmployerParams,
    response: ({ actions }) => actions.EmployerHistoryResponse,
  },
  // ── IT staff (src-server/staff-desk/) ─────────────────────────────────────────
  /** Both roles: office staff see their own office's terminals, read only (R-FLEET-2). */
  kiosks: {
    access: 'staff',
    method: 'GET',
    path: '/api/v1/staff/kiosks',
    status: 200,
    query: ({ actions }) => actions.KiosksQuery,
    response: ({ actions }) => actions.KiosksResponse,
  },
  kioskRevoke: {
    access: 'staff',
    role: 'it',
    stepUp: { action: 'revoke_kiosk', target: 'params.id' },
    method: 'POST',
    path: '/api/v1/staff/kiosks/:id/revoke',
    status: 204,
    errors: ['not_found'],
    params: ({ actions }) => actions.KioskParams,
    body: ({ actions }) => actions.StepUpOnly,
  },
  /** R-DIAG-1: ask the terminal for its diagnostics; it uploads them after its next heartbeat. */
  kioskDiagnosticsRequest: {
    access: 'staff',
    role: 'it',
    stepUp: { action: 'request_diagnostics', target: 'params.id' },
    method: 'POST',
    path: '/api/v1/staff/kiosks/:id/diagnostics',
    status: 204,
    errors: ['not_found'],
    params: ({ actions }) => actions.KioskParams,
    body: ({ actions }) => actions.StepUpOnly,
  },
  /** R-DIAG-1: the terminal's request still waiting, and its bundles kept (newest first, 14 days). */
  kioskDiagnostics: {
    access: 'staff',
    role: 'it',
    method: 'GET',
    path: '/api/v1/staff/kiosks/:id/diagnostics',
    status: 200,
    errors: ['not_found'],
    params: ({ actions }) => actions.KioskParams,
    response: ({ actions }) => actions.KioskDiagnosticsResponse,
  },
  enrollmentCodes: {
    access: 'staff',
    role: 'it',
    stepUp: { action: 'issue_enrollment_code', target: 'body.office' },
    method: 'POST',
    path: '/api/v1/staff/enrollment-codes',
    status: 200,
    errors: ['office_unknown'],
    body: ({ actions }) => actions.EnrollmentCodeRequest,
    response: ({ actions }) => actions.EnrollmentCodeResponse,
  },
  /** 最低バージョン (R-FLEET-1): `version` a semver version or `none`; the step-up's target is it. */
  kioskMinimumVersion: {
    access: 'staff',
    role: 'it',
    stepUp: { action: 'set_kiosk_minimum_version', target: 'body.version' },
    method: 'POST',
    path: '/api/v1/staff/kiosk-minimum-version',
    status: 204,
    errors: ['invalid_request'],
    body: ({ actions }) => actions.MinimumVersionRequest,
  },
  audit: {
    access: 'staff',
    role: 'it',
    method: 'GET',
    path: '/api/v1/staff/audit',
    status: 200,
    query: ({ actions }) => actions.AuditQuery,
    response: ({ actions }) => actions.AuditResponse,
  },
  /** The offices a staff member may name (both roles). */
  offices: {
    access: 'staff',
    method: 'GET',
    path: '/api/v1/staff/offices',
    status: 200,
    response: ({ actions }) => actions.OfficesResponse,
  },
} as const satisfies Record<string, StaffEndpoint>;

export type StaffEndpoints = typeof staffEndpoints;
export type StaffEndpointName = keyof StaffEndpoints;
