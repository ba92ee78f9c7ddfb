import type { z } from 'zod';
import * as s from './schemas.js';

/**
 * One table of the v1 endpoints: method, path, body schema and success status. The service
 * registers its routes from it and the WebHost client calls through it, so a path is written once.
 */
type Route = { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: z.ZodType; response?: z.ZodType; status: number };

export const api = {
  login: { method: 'POST', path: '/api/v1/login', body: s.LoginRequest, response: s.LoginResponse, status: 200 },
  loginOtp: { method: 'POST', path: '/api/v1/login/otp', body: s.OtpRequest, response: s.OtpResponse, status: 200 },
  logout: { method: 'POST', path: '/api/v1/logout', status: 204 },
  sessionExtend: { method: 'POST', path: '/api/v1/session/extend', status: 204 },
  home: { method: 'GET', path: '/api/v1/home', response: s.HomeResponse, status: 200 },
  meta: { method: 'GET', path: '/api/v1/meta', response: s.MetaResponse, status: 200 },
  passwordReset: { method: 'POST', path: '/api/v1/password-reset', body: s.PasswordResetRequest, status: 202 },
  passwordResetComplete: { method: 'POST', path: '/api/v1/password-reset/complete', body: s.PasswordResetComplete, status: 204 },
  reregistration: { method: 'POST', path: '/api/v1/reregistration', body: s.ReregistrationRequest, status: 202 },
  reregistrationComplete: { method: 'POST', path: '/api/v1/reregistration/complete', body: s.ReregistrationComplete, status: 204 },
  devices: { method: 'GET', path: '/api/v1/settings/devices', response: s.DevicesResponse, status: 200 },
  deviceRevoke: { method: 'DELETE', path: '/api/v1/settings/devices/:id', status: 204 },
  passwordChange: { method: 'POST', path: '/api/v1/settings/password', body: s.PasswordChangeRequest, status: 204 },
  emailChange: { method: 'POST', path: '/api/v1/settings/email', body: s.EmailChangeRequest, status: 202 },
  emailConfirm: { method: 'POST', path: '/api/v1/settings/email/confirm', body: s.EmailConfirmRequest, status: 204 },
  withdraw: { method: 'POST', path: '/api/v1/settings/withdraw', body: s.WithdrawRequest, status: 204 },
  kioskEnroll: { method: 'POST', path: '/api/v1/kiosk/enroll', body: s.EnrollRequest, response: s.EnrollResponse, status: 201 },
  kioskNonce: { method: 'POST', path: '/api/v1/kiosk/nonce', body: s.NonceRequest, response: s.NonceResponse, status: 200 },
  kioskHeartbeat: { method: 'POST', path: '/api/v1/kiosk/heartbeat', body: s.HeartbeatRequest, status: 204 },
} as const satisfies Record<string, Route>;

export type ApiName = keyof typeof api;
