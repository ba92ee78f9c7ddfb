import { apiPaths, type ApiPathName } from '../../../src-shared/api/paths.js';
import type { ErrorBody } from '../../../src-shared/api/errors.js';
import type { Host, HostError, HostResult, SignInResult } from '../../../src-shared/host.js';
import type { DevicesResponse, HomeResponse, MetaResponse } from '../../../src-shared/api/schemas.js';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const NETWORK_TEXT = 'サービスに接続できませんでした。';

/**
 * The browser's Host: HTTP to the same origin through the route table, cookies `same-origin`
 * (the session and device-trust cookies are HttpOnly; this code never sees them). It keeps the
 * pending login's challenge. It never throws for an answer: failures become `ok: false`.
 */
export class WebHost implements Host {
  readonly kind = 'web' as const;
  readonly offersOtpSkip = true;
  #challenge: string | null = null;
  readonly #fetch: FetchLike;
  readonly #base: string;

  constructor(options: { base?: string; fetch?: FetchLike } = {}) {
    this.#base = options.base ?? '';
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async #call<T>(name: ApiPathName, body?: unknown, params?: Record<string, string>): Promise<HostResult<T>> {
    const route = apiPaths[name];
    let path: string = route.path;
    for (const [k, v] of Object.entries(params ?? {})) path = path.replace(`:${k}`, encodeURIComponent(v));
    let res: Response;
    try {
      res = await this.#fetch(this.#base + path, {
        method: route.method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      return { ok: false, error: { error: 'network_error', message: err instanceof Error ? err.message : NETWORK_TEXT } };
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

  meta(): Promise<HostResult<MetaResponse>> {
    return this.#call('meta');
  }

  async login(input: { id: string; password: string }): Promise<HostResult<SignInResult>> {
    this.#challenge = null;
    const r = await this.#call<{ status: 'otp_required'; challenge: string; expiresAt: string } | { status: 'authenticated' }>('login', input);
    if (!r.ok) return r;
    if (r.data.status === 'otp_required') {
      this.#challenge = r.data.challenge;
      return { ok: true, data: { status: 'otp_required', expiresAt: r.data.expiresAt } };
    }
    return { ok: true, data: { status: 'authenticated' } };
  }

  async submitOtp(input: { otp: string; rememberDevice: boolean }): Promise<HostResult<SignInResult>> {
    if (!this.#challenge) return { ok: false, error: { error: 'otp_expired', message: 'ワンタイムパスワードの有効期間を過ぎました。' } };
    const r = await this.#call<{ status: 'authenticated' }>('loginOtp', { challenge: this.#challenge, otp: input.otp, rememberDevice: input.rememberDevice });
    if (r.ok) {
      this.#challenge = null;
      return { ok: true, data: { status: 'authenticated' } };
    }
    if (r.error.error === 'otp_expired' || r.error.error === 'otp_exhausted') this.#challenge = null;
    return r;
  }

  async cancelLogin(): Promise<void> {
    this.#challenge = null;
  }

  logout(): Promise<HostResult> {
    this.#challenge = null;
    return this.#call('logout');
  }

  home(): Promise<HostResult<HomeResponse>> {
    return this.#call('home');
  }

  requestPasswordReset(input: { id: string }): Promise<HostResult> {
    return this.#call('passwordReset', input);
  }

  completePasswordReset(input: { id: string; key: string; newPassword: string; newPasswordConfirm: string }): Promise<HostResult> {
    return this.#call('passwordResetComplete', input);
  }

  requestReregistration(input: { id: string; password: string }): Promise<HostResult> {
    return this.#call('reregistration', input);
  }

  completeReregistration(input: { id: string; key: string }): Promise<HostResult> {
    return this.#call('reregistrationComplete', input);
  }

  devices(): Promise<HostResult<DevicesResponse>> {
    return this.#call('devices');
  }

  revokeDevice(input: { id: string }): Promise<HostResult> {
    return this.#call('deviceRevoke', undefined, { id: input.id });
  }

  changePassword(input: { currentPassword: string; newPassword: string; newPasswordConfirm: string }): Promise<HostResult> {
    return this.#call('passwordChange', input);
  }

  changeEmail(input: { newId: string; password: string }): Promise<HostResult> {
    return this.#call('emailChange', input);
  }

  confirmEmail(input: { key: string }): Promise<HostResult> {
    return this.#call('emailConfirm', input);
  }

  withdraw(input: { password: string }): Promise<HostResult> {
    return this.#call('withdraw', input);
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
