import type { z } from 'zod';
import type * as schemas from './api/schemas.js';
import type { EndpointEntry } from './endpoint-table.js';
import { R_DIAG_1_MAX_BYTES } from './rules.js';

/** What a schema recipe is given where zod is loaded (api/routes.ts): zod and the shared schemas. */
export type SchemaKit = { z: typeof z; s: typeof schemas };

/**
 * An entry (endpoint-table.ts: method, path, status, access, rate limit, `about`, schema
 * recipes). `session`: the route answers 401 `unauthenticated` without a live session.
 */
export type Endpoint = EndpointEntry<SchemaKit, 'anonymous' | 'session'> & {
  /** The Host call of the screens that goes to this endpoint (host-calls.ts), if any. */
  call?: string;
  /** `session` only: reading the session's state is not a use (its idle time does not start again). */
  peek?: true;
};

/**
 * The one table of the v1 endpoints: method, path, success status, who may call it, the Host call
 * that uses it, and its body and response schemas. Everything else is derived: `api`
 * (api/routes.ts, the schemas built) that the service registers its routes from and main's client
 * calls through; the table of Host calls (host-calls.ts) behind `Host`, `KioskApi`, the WebHost,
 * the KioskHost, the preload's channels, the kiosk's visitor handlers and the test fake; the
 * employer listener's OpenAPI document (src-server/http/openapi/).
 *
 * No zod at run time (only `import type`): the screens' bundle and the sandboxed preload import
 * this file. So a schema is written as a recipe, `({ z, s }) => …`, that api/routes.ts runs where
 * zod is loaded; a new call's own schema can be written right here.
 * Adding a call: one entry here (with `call` and, beyond API.md, `about`), its handler in
 * src-server (keyed by the entry's name), its screen. `test/shared/endpoints.test.ts` checks the `about`s.
 */
export const endpoints = {
  meta: {
    call: 'meta',
    access: 'anonymous',
    method: 'GET',
    path: '/api/v1/meta',
    status: 200,
    response: ({ s }) => s.MetaResponse,
    about: 'R-LOGIN-5: the screens name the sender address to allow (MAIL_FROM), and whether this is production.',
  },
  login: {
    call: 'login',
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/login',
    status: 200,
    errors: ['invalid_credentials', 'locked', 'withdrawn', 'otp_budget_exhausted', 'kiosk_update_required'],
    body: ({ s }) => s.LoginRequest,
    response: ({ s }) => s.LoginResponse,
  },
  /** The challenge of the pending login is kept by the host, not by the screen. */
  loginOtp: {
    call: 'submitOtp',
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/login/otp',
    status: 200,
    errors: ['otp_invalid', 'otp_expired', 'otp_exhausted', 'otp_budget_exhausted'],
    body: ({ s }) => s.OtpRequest,
    response: ({ s }) => s.OtpResponse,
  },
  /** Ends whatever session is presented, live or not (the route needs none). */
  logout: { call: 'logout', access: 'anonymous', method: 'POST', path: '/api/v1/logout', status: 204 },
  sessionExtend: {
    call: 'extendSession',
    access: 'session',
    method: 'POST',
    path: '/api/v1/session/extend',
    status: 204,
    about:
      "「延長する」 on the idle warning (issue 13): the session's last use becomes now, so its idle time starts again (the absolute end stays); the kiosk also restarts its idle clock. 401 unauthenticated without a live session.",
  },
  session: {
    call: 'sessionStatus',
    access: 'session',
    peek: true,
    method: 'GET',
    path: '/api/v1/session',
    status: 200,
    response: ({ z, s }) =>
      z
        .strictObject({
          kind: z.enum(['web', 'kiosk']),
          idleEndsAt: s.IsoDateTime,
          endsAt: s.IsoDateTime,
          secondsLeft: z.number().int().nonnegative(),
        })
        .meta({ id: 'SessionStatus' }),
    about:
      "The presented live session: its kind, when it ends unless used again (idleEndsAt), its absolute end (endsAt), and secondsLeft until the earlier of the two by the service's clock. Reading it is not a use (the idle time does not start again). A signed-in page asks it to leave for the login screen when its session has ended, instead of showing the account to whoever comes next. 401 unauthenticated without a live session.",
  },
  home: {
    call: 'home',
    access: 'session',
    method: 'GET',
    path: '/api/v1/home',
    status: 200,
    response: ({ s }) => s.HomeResponse,
  },
  passwordReset: {
    call: 'requestPasswordReset',
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/password-reset',
    status: 202,
    body: ({ s }) => s.PasswordResetRequest,
  },
  passwordResetComplete: {
    call: 'completePasswordReset',
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/password-reset/complete',
    status: 204,
    errors: ['password_policy', 'password_mismatch', 'key_invalid'],
    body: ({ s }) => s.PasswordResetComplete,
  },
  reregistration: {
    call: 'requestReregistration',
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/reregistration',
    status: 202,
    errors: ['invalid_credentials', 'locked', 'reregistration_expired'],
    body: ({ s }) => s.ReregistrationRequest,
  },
  reregistrationComplete: {
    call: 'completeReregistration',
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/reregistration/complete',
    status: 204,
    errors: ['key_invalid'],
    body: ({ s }) => s.ReregistrationComplete,
  },
  devices: {
    call: 'devices',
    access: 'session',
    method: 'GET',
    path: '/api/v1/settings/devices',
    status: 200,
    response: ({ s }) => s.DevicesResponse,
  },
  deviceRevoke: {
    call: 'revokeDevice',
    access: 'session',
    method: 'DELETE',
    path: '/api/v1/settings/devices/:id',
    status: 204,
    params: ({ s }) => s.DeviceParams,
    errors: ['not_found'],
  },
  passwordChange: {
    call: 'changePassword',
    access: 'session',
    method: 'POST',
    path: '/api/v1/settings/password',
    status: 204,
    errors: ['invalid_credentials', 'locked', 'password_policy', 'password_mismatch'],
    body: ({ s }) => s.PasswordChangeRequest,
  },
  emailChange: {
    call: 'changeEmail',
    access: 'session',
    method: 'POST',
    path: '/api/v1/settings/email',
    status: 202,
    errors: ['invalid_credentials', 'locked'],
    body: ({ s }) => s.EmailChangeRequest,
  },
  emailConfirm: {
    call: 'confirmEmail',
    access: 'session',
    method: 'POST',
    path: '/api/v1/settings/email/confirm',
    status: 204,
    errors: ['key_invalid'],
    body: ({ s }) => s.EmailConfirmRequest,
  },
  withdraw: {
    call: 'withdraw',
    access: 'session',
    method: 'POST',
    path: '/api/v1/settings/withdraw',
    status: 204,
    errors: ['invalid_credentials', 'locked'],
    body: ({ s }) => s.WithdrawRequest,
  },
  // The kiosk's main process calls these itself (src-main/core/service); no screen does.
  kioskEnroll: {
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/kiosk/enroll',
    status: 201,
    errors: ['enrollment_code_invalid'],
    body: ({ s }) => s.EnrollRequest,
    response: ({ s }) => s.EnrollResponse,
  },
  kioskNonce: {
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/kiosk/nonce',
    status: 200,
    errors: ['attestation_invalid'],
    body: ({ s }) => s.NonceRequest,
    response: ({ s }) => s.NonceResponse,
  },
  kioskHeartbeat: {
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/kiosk/heartbeat',
    status: 200,
    emptyStatus: 204,
    errors: ['attestation_invalid', 'kiosk_update_required'],
    body: ({ s }) => s.HeartbeatRequest,
    // R-DIAG-1: 200 `{ diagnosticsRequested: true }` when IT asked for diagnostics, 204 otherwise (api-additions.md).
    response: ({ s }) => s.HeartbeatResponse,
  },
  kioskDiagnostics: {
    access: 'anonymous',
    rateLimit: 'perIp',
    method: 'POST',
    path: '/api/v1/kiosk/diagnostics',
    status: 204,
    // the bundle (≤ 256 KiB of JSON) travels as a JSON string: its quotes escaped, it may double
    bodyLimit: 2 * R_DIAG_1_MAX_BYTES + 4096,
    errors: ['attestation_invalid', 'diagnostics_not_requested', 'payload_too_large'],
    body: ({ s }) => s.DiagnosticsUpload,
    about:
      'R-DIAG-1: the diagnostics IT asked for, once: `bundle` is the JSON text of a DiagnosticsBundle (at most 256 KiB), signed like a heartbeat with purpose `diagnostics` and its SHA-256 (hex) as the last line. 401 `attestation_invalid` for a bad signature or a spent nonce; 409 `diagnostics_not_requested` when nothing was asked.',
  },
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
