import type { StaffCallName } from './staff-types.js';

/**
 * The staff API's routes as the console calls them: method, path, success status. No zod here
 * (the console's bundle stays small); the paths are src-shared/staff-api/routes.ts's.
 */
export const staffCalls = {
  me: { method: 'GET', path: '/api/v1/staff/me', status: 200 },
  logout: { method: 'POST', path: '/api/v1/staff/logout', status: 204 },
  loginOptions: { method: 'POST', path: '/api/v1/staff/login/options', status: 200 },
  loginVerify: { method: 'POST', path: '/api/v1/staff/login/verify', status: 200 },
  registrationOptions: { method: 'POST', path: '/api/v1/staff/registration/options', status: 200 },
  registrationVerify: { method: 'POST', path: '/api/v1/staff/registration/verify', status: 204 },
  stepUpOptions: { method: 'POST', path: '/api/v1/staff/step-up/options', status: 200 },
  employerSearch: { method: 'GET', path: '/api/v1/staff/employers', status: 200 },
  employerRevealId: { method: 'POST', path: '/api/v1/staff/employers/:ref/reveal-id', status: 200 },
  employerUnlock: { method: 'POST', path: '/api/v1/staff/employers/:ref/unlock', status: 204 },
  employerReinstate: { method: 'POST', path: '/api/v1/staff/employers/:ref/reinstate', status: 200 },
  employerHistory: { method: 'GET', path: '/api/v1/staff/employers/:ref/history', status: 200 },
  kiosks: { method: 'GET', path: '/api/v1/staff/kiosks', status: 200 },
  kioskRevoke: { method: 'POST', path: '/api/v1/staff/kiosks/:id/revoke', status: 204 },
  enrollmentCodes: { method: 'POST', path: '/api/v1/staff/enrollment-codes', status: 200 },
  audit: { method: 'GET', path: '/api/v1/staff/audit', status: 200 },
  offices: { method: 'GET', path: '/api/v1/staff/offices', status: 200 },
} as const satisfies Record<StaffCallName, { method: 'GET' | 'POST'; path: string; status: number }>;

/** The path with its `:params` filled in (encoded) and the query appended (empty values left out). */
export function pathOf(
  path: string,
  params: Record<string, string> = {},
  query: Record<string, string | undefined> = {},
): string {
  const filled = path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const q = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
  const text = q.toString();
  return text ? `${filled}?${text}` : filled;
}

type StaffApi = typeof import('../../../src-shared/staff-api/routes.js').staffApi;
type AssertTrue<T extends true> = T;
type Shape = { method: string; path: string; status: number };
/** Each call the service's table has too keeps its method, path and status (a compile error otherwise). */
export type StaffCallsMatch = AssertTrue<
  {
    [K in keyof typeof staffCalls]: Pick<(typeof staffCalls)[K], keyof Shape> extends Pick<StaffApi[K], keyof Shape>
      ? Pick<StaffApi[K], keyof Shape> extends Pick<(typeof staffCalls)[K], keyof Shape>
        ? true
        : false
      : false;
  }[keyof typeof staffCalls]
>;
