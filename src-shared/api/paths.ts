import type { api } from './routes.js';

/**
 * The route table's methods, paths and success statuses without the zod schemas, for the
 * screens' bundle (zod would add tens of kilobytes). `routes.ts` stays the source: the
 * `satisfies` below makes any drift from it a compile error (type-only import, no zod at runtime).
 */
type ScreenRoutes = Exclude<keyof typeof api, `kiosk${string}`>;
type Expected = { [K in ScreenRoutes]: Pick<(typeof api)[K], 'method' | 'path' | 'status'> };

export const apiPaths = {
  login: { method: 'POST', path: '/api/v1/login', status: 200 },
  loginOtp: { method: 'POST', path: '/api/v1/login/otp', status: 200 },
  logout: { method: 'POST', path: '/api/v1/logout', status: 204 },
  home: { method: 'GET', path: '/api/v1/home', status: 200 },
  meta: { method: 'GET', path: '/api/v1/meta', status: 200 },
  passwordReset: { method: 'POST', path: '/api/v1/password-reset', status: 202 },
  passwordResetComplete: { method: 'POST', path: '/api/v1/password-reset/complete', status: 204 },
  reregistration: { method: 'POST', path: '/api/v1/reregistration', status: 202 },
  reregistrationComplete: { method: 'POST', path: '/api/v1/reregistration/complete', status: 204 },
  devices: { method: 'GET', path: '/api/v1/settings/devices', status: 200 },
  deviceRevoke: { method: 'DELETE', path: '/api/v1/settings/devices/:id', status: 204 },
  passwordChange: { method: 'POST', path: '/api/v1/settings/password', status: 204 },
  emailChange: { method: 'POST', path: '/api/v1/settings/email', status: 202 },
  emailConfirm: { method: 'POST', path: '/api/v1/settings/email/confirm', status: 204 },
  withdraw: { method: 'POST', path: '/api/v1/settings/withdraw', status: 204 },
} as const satisfies Expected;

export type ApiPathName = keyof typeof apiPaths;
