import { createContext } from 'svelte';
import type { Host, HostError, HostResult } from '../../src-shared/host.js';
import { R_LOGIN_5_SEED_MAIL_FROM } from '../../src-shared/rules.js';
import { I18n, type Lang } from './i18n/i18n.svelte.js';
import { Router, type RoutingMode } from './router.svelte.js';
import type { RouteName } from './routes.js';

export type NoticeKind = 'info' | 'success' | 'error';
export interface Notice {
  kind: NoticeKind;
  text: string;
}

/** Runs `run` once after `ms`; returns the cancel. Injected so a test moves time itself. */
export type Later = (ms: number, run: () => void) => () => void;
const later: Later = (ms, run) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/**
 * What the screens share: the host, language, routing, and what one step hands to the next
 * (the ID of a pending reset, the OTP typed before the skip confirmation, a notice to show).
 * Screens keep their own typed values in their own form state.
 */
export class AppModel {
  readonly host: Host;
  readonly i18n: I18n;
  readonly router: Router;

  mailFrom = $state(R_LOGIN_5_SEED_MAIL_FROM);
  #signedIn = $state(false);
  readonly #later: Later;
  #cancelSessionCheck: () => void = () => {};
  /** A message for the next screen (e.g. after logout); shown once. */
  notice = $state<Notice | null>(null);
  /** The OTP and checkbox carried from ワンタイムパスワード入力 to its confirmation. */
  otpDraft = $state({ otp: '', remember: false, canceled: false });
  /** The error that ended the OTP step (expired or exhausted). */
  otpEnded = $state<HostError | null>(null);
  /** The ID the reset or re-registration key was mailed to. */
  resetId = $state('');
  reregId = $state('');
  /** The text for the screen reader's status region (route changes, progress). */
  status = $state('');

  constructor(host: Host, options: { lang?: Lang; routing?: RoutingMode; later?: Later } = {}) {
    this.host = host;
    this.#later = options.later ?? later;
    this.i18n = new I18n(options.lang ?? 'ja');
    this.router = new Router(options.routing ?? 'hash');
  }

  get signedIn(): boolean {
    return this.#signedIn;
  }

  /** Signing in starts following the session (watchSession); signing out stops it. */
  set signedIn(value: boolean) {
    const was = this.#signedIn;
    this.#signedIn = value;
    if (value && !was) void this.watchSession();
    if (!value) this.#cancelSessionCheck();
  }

  /**
   * A signed-in page follows its session: it asks the service when the session ends (a read that
   * does not keep it alive) and asks again then; once the service says it has ended, the page
   * leads to login and says why instead of showing the account to whoever comes to the screen
   * next. Requests in between move the end, so the second answer may set a later check.
   */
  async watchSession(): Promise<void> {
    this.#cancelSessionCheck();
    const r = await this.host.sessionStatus();
    if (!this.#signedIn) return;
    // Not answered (offline, a fault): ask again in a minute. Ended: to login.
    if (!r.ok && this.handleSessionError(r.error)) return;
    // The service's count, not this machine's clock; a second late so the end has surely passed.
    const seconds = r.ok && r.data ? r.data.secondsLeft + 1 : 60;
    this.#cancelSessionCheck = this.#later(seconds * 1000, () => void this.watchSession());
  }

  async loadMeta(): Promise<void> {
    const r = await this.host.meta();
    if (r.ok && r.data.mailFrom) this.mailFrom = r.data.mailFrom;
  }

  go(route: RouteName, options: { replace?: boolean; notice?: Notice } = {}): void {
    this.notice = options.notice ?? null;
    this.router.go(route, options);
  }

  /** Back to login after the session ended (401) or on purpose. */
  toLogin(notice?: Notice): void {
    this.signedIn = false;
    this.otpDraft = { otp: '', remember: false, canceled: false };
    this.go('login', notice ? { notice } : {});
  }

  loggingOut = $state(false);

  /** ログアウト: the service revokes the session; the screen says so either way. */
  async logout(): Promise<void> {
    if (this.loggingOut) return;
    this.loggingOut = true;
    const r = await this.host.logout();
    this.loggingOut = false;
    this.signedIn = false;
    const m = this.i18n.m;
    this.go('logged-out', {
      replace: true,
      notice:
        r.ok || r.error.error === 'unauthenticated'
          ? { kind: 'success', text: m.logout.done }
          : { kind: 'error', text: m.logout.failed },
    });
  }

  /** A signed-in screen opened directly (reload, bookmark): ask the service whether a session exists. */
  async ensureSession(): Promise<void> {
    if (this.signedIn) return;
    const r = await this.host.home();
    if (r.ok) this.signedIn = true;
    else this.handleSessionError(r.error);
  }

  /**
   * The data of a signed-in page: marks the visitor signed in, or, on a dead session, leads to
   * login (undefined), or gives the error text to show.
   */
  signedInData<T>(r: HostResult<T>): { data: T } | { error: string } | undefined {
    if (r.ok) {
      this.signedIn = true;
      return { data: r.data };
    }
    return this.handleSessionError(r.error) ? undefined : { error: this.i18n.error(r.error) };
  }

  /** Call after any signed-in request: a 401 means the session is gone. */
  handleSessionError(e: HostError): boolean {
    if (e.error === 'unauthenticated') {
      this.toLogin({ kind: 'error', text: this.i18n.m.errors.sessionEnded });
      return true;
    }
    return false;
  }
}

export const [getApp, setApp] = createContext<AppModel>();
