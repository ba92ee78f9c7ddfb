import { hostCallNames, hostCalls, requestOf, type RoutedCall } from '../../../src-shared/host-calls.js';
import type { ErrorBody } from '../../../src-shared/api/errors.js';
import type { HostCalls, HostError, HostResult, SignInResult } from '../../../src-shared/host.js';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
type LoginAnswer = { status: 'otp_required'; challenge: string; expiresAt: string } | { status: 'authenticated' };

// The methods are made in the constructor, one per Host call of the table.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the class gains the table's methods by merging
export interface WebHost extends HostCalls {}

/**
 * The browser's Host: HTTP to the same origin through the table of Host calls (host-calls.ts,
 * no zod), cookies `same-origin` (the session and device-trust cookies are HttpOnly; this code
 * never sees them). It keeps the pending login's challenge. It never throws for an answer:
 * failures become `ok: false`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the class gains the table's methods by merging
export class WebHost {
  readonly kind = 'web' as const;
  readonly offersOtpSkip = true;
  #challenge: string | null = null;
  readonly #fetch: FetchLike;
  readonly #base: string;

  constructor(options: { base?: string; fetch?: FetchLike } = {}) {
    this.#base = options.base ?? '';
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    // Every routed call of the table is one request, but those this class writes itself (below).
    for (const name of hostCallNames) {
      const call = hostCalls[name];
      if ('route' in call && !(name in this))
        (this as Record<string, unknown>)[name] = (input?: unknown) => this.#call(call, input);
    }
  }

  async #call<T>(call: Pick<RoutedCall, 'method' | 'path'>, input?: unknown): Promise<HostResult<T>> {
    const { path, body } = requestOf(call, input);
    let res: Response;
    try {
      res = await this.#fetch(this.#base + path, {
        method: call.method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      return { ok: false, error: { error: 'network_error', message: err instanceof Error ? err.message : '' } };
    }
    let data: unknown = undefined;
    const text = await res.text().catch(() => '');
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
    }
    if (res.ok) return { ok: true, data: data as T };
    return { ok: false, error: toError(res.status, data) };
  }

  async login(input: { id: string; password: string }): Promise<HostResult<SignInResult>> {
    this.#challenge = null;
    const r = await this.#call<LoginAnswer>(hostCalls.login, input);
    if (!r.ok) return r;
    if (r.data.status === 'otp_required') {
      this.#challenge = r.data.challenge;
      return { ok: true, data: { status: 'otp_required', expiresAt: r.data.expiresAt } };
    }
    return { ok: true, data: { status: 'authenticated' } };
  }

  async submitOtp(input: { otp: string; rememberDevice: boolean }): Promise<HostResult<SignInResult>> {
    if (!this.#challenge) return { ok: false, error: { error: 'otp_expired', message: '' } };
    const r = await this.#call<{ status: 'authenticated' }>(hostCalls.submitOtp, {
      challenge: this.#challenge,
      otp: input.otp,
      rememberDevice: input.rememberDevice,
    });
    if (r.ok) {
      this.#challenge = null;
      return { ok: true, data: { status: 'authenticated' } };
    }
    if (r.error.error === 'otp_expired' || r.error.error === 'otp_exhausted') this.#challenge = null;
    return r;
  }

  async cancelLogin(): Promise<HostResult> {
    this.#challenge = null;
    return { ok: true, data: undefined };
  }

  logout(): Promise<HostResult> {
    this.#challenge = null;
    return this.#call(hostCalls.logout);
  }
}

/** An error answer as the screens see it; a body that is not the contract's becomes a plain code. */
function toError(status: number, data: unknown): HostError {
  if (data && typeof data === 'object' && typeof (data as ErrorBody).error === 'string') {
    const body = data as ErrorBody;
    return { ...body, message: typeof body.message === 'string' ? body.message : '' };
  }
  const error: ErrorBody['error'] =
    status === 401
      ? 'unauthenticated'
      : status === 404
        ? 'not_found'
        : status === 429
          ? 'rate_limited'
          : status === 413
            ? 'payload_too_large'
            : // a proxy's own page when no instance answers (nginx 502/503/504)
              status === 502 || status === 503 || status === 504
              ? 'service_unavailable'
              : 'internal_error';
  return { error, message: '' };
}
