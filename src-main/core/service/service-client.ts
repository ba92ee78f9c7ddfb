import axios, { type AxiosInstance } from 'axios';
import type { z } from 'zod';
import { api, type ApiName } from '../../../src-shared/api/routes.js';
import { ErrorBody } from '../../../src-shared/api/errors.js';
import type { HostResult } from '../../../src-shared/host.js';
import { fillPath } from '../../../src-shared/host-calls.js';

/**
 * How the main process proves the visitor's session: the kiosk token (Bearer), or, after an OTP
 * fallback where the service answers with a web session cookie, that cookie. Either way it lives
 * in this process's memory only and never reaches the renderer (R-KIOSK-3).
 */
export type Credential = { kind: 'bearer'; token: string } | { kind: 'cookie'; cookie: string };

type Route<N extends ApiName> = (typeof api)[N];
type BodyOf<N extends ApiName> = Route<N> extends { body: z.ZodType } ? z.input<Route<N>['body']> : undefined;
type Answer<N extends ApiName> = Route<N> extends { response: z.ZodType } ? z.output<Route<N>['response']> : void;
/** An entry with an `emptyStatus` (the heartbeat) may also succeed without a body: `undefined`. */
type DataOf<N extends ApiName> = Route<N> extends { emptyStatus: number } ? Answer<N> | undefined : Answer<N>;

export type CallOptions<N extends ApiName> = {
  body?: BodyOf<N>;
  params?: Record<string, string>;
  credential?: Credential;
  /** Receives the `name=value` part of every Set-Cookie of the answer. */
  onCookies?: (cookies: string[]) => void;
};

export type ServiceClient = {
  readonly baseUrl: string;
  call<N extends ApiName>(name: N, options?: CallOptions<N>): Promise<HostResult<DataOf<N>>>;
};

/**
 * The service's answers as they are (its error bodies, with its own `message`); what goes wrong on
 * the way is a code with an empty message — the screens word every code (ja, en).
 */
export function createServiceClient(
  baseUrl: string,
  opts: { timeoutMs?: number; http?: AxiosInstance } = {},
): ServiceClient {
  const origin = new URL(baseUrl).origin;
  const http =
    opts.http ??
    axios.create({
      baseURL: origin,
      timeout: opts.timeoutMs ?? 15_000,
      // Every status is an answer to read, and a redirect is never followed off the service.
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { Accept: 'application/json' },
    });

  return {
    baseUrl: origin,
    async call(name, options = {}) {
      const route = api[name] as {
        method: string;
        path: string;
        status: number;
        emptyStatus?: number;
        response?: z.ZodType;
      };
      const path = fillPath(route.path, options.params);
      const headers: Record<string, string> = {};
      if (options.credential?.kind === 'bearer') headers.Authorization = `Bearer ${options.credential.token}`;
      if (options.credential?.kind === 'cookie') {
        headers.Cookie = options.credential.cookie;
        headers.Origin = origin; // a cookie session is checked against its origin like a browser's
      }
      let res;
      try {
        // A POST always carries a JSON body (`{}` when the route takes none, e.g. logout): the
        // service refuses a POST without a JSON content type.
        const data = options.body ?? (route.method === 'POST' ? {} : undefined);
        if (data !== undefined) headers['Content-Type'] = 'application/json';
        res = await http.request({ method: route.method, url: path, data, headers });
      } catch {
        return { ok: false, error: { error: 'network_error', message: '' } };
      }
      const setCookie = res.headers['set-cookie'];
      if (options.onCookies && Array.isArray(setCookie))
        options.onCookies(setCookie.map((c) => c.split(';')[0] ?? '').filter(Boolean));
      if (route.emptyStatus !== undefined && res.status === route.emptyStatus)
        return { ok: true, data: undefined } as HostResult<DataOf<typeof name>>;
      if (res.status === route.status) {
        if (!route.response) return { ok: true, data: undefined } as HostResult<DataOf<typeof name>>;
        const parsed = route.response.safeParse(res.data);
        if (parsed.success) return { ok: true, data: parsed.data } as HostResult<DataOf<typeof name>>;
        return internalError();
      }
      const body = ErrorBody.safeParse(res.data);
      if (body.success) return { ok: false, error: body.data };
      // A proxy's own page when no instance answers (nginx 502/503/504): the service is away for a moment.
      return GATEWAY_STATUSES.has(res.status)
        ? { ok: false, error: { error: 'service_unavailable', message: '' } }
        : internalError();
    },
  };
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);

function internalError(): { ok: false; error: ErrorBody } {
  return { ok: false, error: { error: 'internal_error', message: '' } };
}
