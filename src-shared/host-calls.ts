import { endpoints, type Endpoints } from './endpoints.js';

/** The endpoints a screen calls, keyed by the name of their Host call. */
type RoutedCalls = {
  [K in keyof Endpoints as Endpoints[K] extends { call: infer C extends string } ? C : never]: Pick<
    Endpoints[K],
    'access' | 'method' | 'path' | 'status'
  > & { route: K };
};
/** The calls the host answers itself (no request). */
const localCalls = {
  cancelLogin: { access: 'local' },
} as const;

/**
 * The table of Host calls: what the screens may ask of the program around them (`Host`, host.ts),
 * each with the service route it goes to and whether that route needs a signed-in session;
 * `local` calls are answered by the host itself. Derived from the endpoints table
 * (endpoints.ts: the entries with a `call`), so a call's method, path and status are written once.
 * Everything else is derived from this table: `Host` and `KioskApi` (mapped types), the WebHost
 * and KioskHost, the preload's channel map, the kiosk's visitor handlers and the test fake.
 *
 * No zod here, at runtime: the screens' bundle and the sandboxed preload import this file. The
 * input and output schemas are in host-call-schemas.ts (a call's route body and response unless
 * it says otherwise). Adding a call: one entry in endpoints.ts, its route in src-server, its screen.
 */
export const hostCalls = {
  ...(Object.fromEntries(
    Object.entries(endpoints).flatMap(([route, e]) =>
      'call' in e ? [[e.call, { access: e.access, route, method: e.method, path: e.path, status: e.status }]] : [],
    ),
  ) as RoutedCalls),
  ...localCalls,
};

export type HostCallName = keyof typeof hostCalls;
export type HostCall = (typeof hostCalls)[HostCallName];
export type RoutedCall = RoutedCalls[keyof RoutedCalls];
/** The calls that go to a service route (all but the `local` ones). */
export type RoutedCallName = keyof RoutedCalls;
export const hostCallNames = Object.keys(hostCalls) as HostCallName[];

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
