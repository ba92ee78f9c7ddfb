import type { api } from './api/routes.js';

/**
 * The table of Host calls: what the screens may ask of the program around them (`Host`, host.ts),
 * each with the service route it goes to and whether that route needs a signed-in session.
 * `local` calls are answered by the host itself (no request). Everything else is derived from
 * this table: `Host` and `KioskApi` (mapped types), the WebHost and KioskHost, the preload's
 * channel map, the kiosk's visitor handlers and the test fake (loops over it).
 *
 * No zod here, at runtime: the screens' bundle and the sandboxed preload import this file (zod
 * would add tens of kilobytes). The input and output schemas are in host-call-schemas.ts (a
 * call's route body and response unless it says otherwise); the method, path and status below
 * must equal the route's in api/routes.ts — `RoutesMatch` makes any drift a compile error.
 * Adding a call: one entry here, its route in routes.ts (+ the service's handler), its screen.
 */
export const hostCalls = {
  meta: { access: 'anonymous', route: 'meta', method: 'GET', path: '/api/v1/meta', status: 200 },
  login: { access: 'anonymous', route: 'login', method: 'POST', path: '/api/v1/login', status: 200 },
  /** The challenge of the pending login is kept by the host, not by the screen. */
  submitOtp: { access: 'anonymous', route: 'loginOtp', method: 'POST', path: '/api/v1/login/otp', status: 200 },
  cancelLogin: { access: 'local' },
  /** Ends whatever session is presented, live or not (the route needs none). */
  logout: { access: 'anonymous', route: 'logout', method: 'POST', path: '/api/v1/logout', status: 204 },
  /** 「延長する」: the session's idle time starts again (on a kiosk, the idle clock too). */
  extendSession: { access: 'session', route: 'sessionExtend', method: 'POST', path: '/api/v1/session/extend', status: 204 },
  home: { access: 'session', route: 'home', method: 'GET', path: '/api/v1/home', status: 200 },
  requestPasswordReset: { access: 'anonymous', route: 'passwordReset', method: 'POST', path: '/api/v1/password-reset', status: 202 },
  completePasswordReset: { access: 'anonymous', route: 'passwordResetComplete', method: 'POST', path: '/api/v1/password-reset/complete', status: 204 },
  requestReregistration: { access: 'anonymous', route: 'reregistration', method: 'POST', path: '/api/v1/reregistration', status: 202 },
  completeReregistration: { access: 'anonymous', route: 'reregistrationComplete', method: 'POST', path: '/api/v1/reregistration/complete', status: 204 },
  devices: { access: 'session', route: 'devices', method: 'GET', path: '/api/v1/settings/devices', status: 200 },
  revokeDevice: { access: 'session', route: 'deviceRevoke', method: 'DELETE', path: '/api/v1/settings/devices/:id', status: 204 },
  changePassword: { access: 'session', route: 'passwordChange', method: 'POST', path: '/api/v1/settings/password', status: 204 },
  changeEmail: { access: 'session', route: 'emailChange', method: 'POST', path: '/api/v1/settings/email', status: 202 },
  confirmEmail: { access: 'session', route: 'emailConfirm', method: 'POST', path: '/api/v1/settings/email/confirm', status: 204 },
  withdraw: { access: 'session', route: 'withdraw', method: 'POST', path: '/api/v1/settings/withdraw', status: 204 },
} as const;

export type HostCallName = keyof typeof hostCalls;
export type HostCall = (typeof hostCalls)[HostCallName];
export type RoutedCall = Extract<HostCall, { route: string }>;
/** The calls that go to a service route (all but the `local` ones). */
export type RoutedCallName = { [K in HostCallName]: (typeof hostCalls)[K] extends { route: string } ? K : never }[HostCallName];
export const hostCallNames = Object.keys(hostCalls) as HostCallName[];

type Routes = typeof api;
type AssertTrue<T extends true> = T;
/** Each routed call's method, path and status are its route's (a compile error otherwise). */
export type RoutesMatch = AssertTrue<
  {
    [K in RoutedCallName]: (typeof hostCalls)[K] extends { route: infer R extends keyof Routes }
      ? (typeof hostCalls)[K] extends Pick<Routes[R], 'method' | 'path' | 'status'>
        ? true
        : false
      : false;
  }[RoutedCallName]
>;

/** A route's path with its `:name` parts filled in (encoded); a missing one is left empty. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:(\w+)/g, (_, key: string) => {
    const value = params?.[key];
    return encodeURIComponent(typeof value === 'string' ? value : '');
  });
}

/**
 * How a call's input becomes a request: `:name` parts of the path come from the input's fields of
 * that name; the input is the JSON body of a POST. GET and DELETE carry no body.
 */
export function requestOf(call: Pick<RoutedCall, 'method' | 'path'>, input: unknown): { path: string; body: unknown } {
  const fields = input && typeof input === 'object' ? (input as Record<string, unknown>) : undefined;
  return { path: fillPath(call.path, fields), body: call.method === 'POST' ? input : undefined };
}
