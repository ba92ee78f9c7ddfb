import { staffEndpoints } from '../../../src-shared/staff-api/endpoints.js';
import type { StaffCallName, StaffCallTypes } from './staff-types.js';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
export type StaffError = { error: string; message: string };
export type StaffResult<T> = { ok: true; data: T } | { ok: false; error: StaffError };
type Input = { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
/** A call whose entry takes nothing is made without an argument. */
type Args<K extends StaffCallName> = keyof StaffCallTypes[K]['in'] extends never ? [] : [StaffCallTypes[K]['in']];

/** The path with its `:params` filled in (encoded) and the query appended (empty values left out). */
export function pathOf(path: string, params: Record<string, string> = {}, query: Record<string, unknown> = {}): string {
  const filled = path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const q = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) =>
      (typeof v === 'string' && v !== '') || typeof v === 'number' || typeof v === 'boolean' ? [[k, String(v)]] : [],
    ),
  );
  const text = q.toString();
  return text ? `${filled}?${text}` : filled;
}

/**
 * The staff console's client: JSON to the staff listener's own origin, cookie `same-origin` (the
 * staff session cookie is HttpOnly). Not the employer's Host. It never throws: an answer that is
 * not a success becomes `ok: false` with the service's code (or `network_error`).
 */
export class StaffClient {
  readonly #fetch: FetchLike;
  readonly #base: string;
  /** Told about every answer (the console's idle clock and its "signed out" handling listen). */
  onanswer: ((result: StaffResult<unknown>) => void) | undefined;

  constructor(options: { base?: string; fetch?: FetchLike } = {}) {
    this.#base = options.base ?? '';
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async call<K extends StaffCallName>(name: K, ...args: Args<K>): Promise<StaffResult<StaffCallTypes[K]['out']>> {
    const result = await this.#request<StaffCallTypes[K]['out']>(name, args[0] ?? {});
    this.onanswer?.(result);
    return result;
  }

  async #request<T>(name: StaffCallName, input: Input): Promise<StaffResult<T>> {
    const route = staffEndpoints[name];
    const hasBody = route.method === 'POST';
    let res: Response;
    try {
      res = await this.#fetch(this.#base + pathOf(route.path, input.params, input.query), {
        method: route.method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: hasBody
          ? { accept: 'application/json', 'content-type': 'application/json' }
          : { accept: 'application/json' },
        ...(hasBody ? { body: JSON.stringify(input.body ?? {}) } : {}),
      });
    } catch (err) {
      return { ok: false, error: { error: 'network_error', message: err instanceof Error ? err.message : '' } };
    }
    const data = await res
      .text()
      .then((text) => (text ? (JSON.parse(text) as unknown) : undefined))
      .catch(() => undefined);
    if (res.ok) return { ok: true, data: data as T };
    return { ok: false, error: errorOf(res.status, data) };
  }
}

/** The service's `{error, message}`, or a code for the status when the body is not one. */
function errorOf(status: number, data: unknown): StaffError {
  if (data && typeof data === 'object' && typeof (data as StaffError).error === 'string') {
    const e = data as StaffError;
    return { error: e.error, message: typeof e.message === 'string' ? e.message : '' };
  }
  const byStatus: Record<number, string> = {
    401: 'staff_unauthenticated',
    403: 'staff_forbidden',
    404: 'not_found',
    413: 'payload_too_large',
    429: 'rate_limited',
    503: 'service_unavailable',
  };
  return { error: byStatus[status] ?? 'internal_error', message: '' };
}
