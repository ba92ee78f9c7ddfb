import { createContext } from 'svelte';
import type { Host, HostError, HostResult } from '../../src-shared/host.js';
import { R_LOGIN_5_SEED_MAIL_FROM } from '../../src-shared/rules.js';
import { I18n, type Lang, type Text } from './i18n/i18n.svelte.js';
import { Router, type RoutingMode } from './router.svelte.js';
import type { RouteName } from './routes.js';
import { later, SessionWatch, type Later } from './session-watch.js';

export type NoticeKind = 'info' | 'success' | 'error';
/** A message for the next screen, worded when shown (it follows a language switch). */
export interface Notice {
  kind: NoticeKind;
  text: Text;
}

/** The OTP and checkbox carried from ワンタイムパスワード入力 to its confirmation and back. */
export interface OtpDraft {
  otp: string;
  remember: boolean;
  /** キャンセル on the confirmation: the entry screen says the skip was not set. */
  canceled: boolean;
}
const NO_OTP_DRAFT: OtpDraft = { otp: '', remember: false, canceled: false };

/**
 * What the screens share: the host, language, routing, and what one step hands to the next
 * (the ID of a pending reset, the OTP typed before the skip confirmation, a notice to show).
 * Screens keep their own typed values in their own form state. Everything here changes only
 * through the methods below, each named after a step of the flows (svelte.dev's Workspace habit).
 */
export class AppModel {
  readonly host: Host;
  readonly i18n: I18n;
  readonly router: Router;

  #mailFrom = $state(R_LOGIN_5_SEED_MAIL_FROM);
  #signedIn = $state(false);
  #loggingOut = $state(false);
  #notice = $state<Notice | null>(null);
  #otpDraft = $state<OtpDraft>(NO_OTP_DRAFT);
  #otpEnded = $state<HostError | null>(null);
  #resetId = $state('');
  #reregId = $state('');
  readonly #session: SessionWatch;

  constructor(host: Host, options: { lang?: Lang; routing?: RoutingMode; later?: Later } = {}) {
    this.host = host;
    this.#session = new SessionWatch({
      host,
      later: options.later ?? later,
      ended: (e) => this.handleSessionError(e),
      signedIn: () => this.#signedIn,
    });
    this.i18n = new I18n(options.lang ?? 'ja');
    this.router = new Router(options.routing ?? 'hash');
  }

  /** The sender the screens tell people to allow (R-LOGIN-5), as the service says. */
  get mailFrom(): string {
    return this.#mailFrom;
  }
  get signedIn(): boolean {
    return this.#signedIn;
  }
  get loggingOut(): boolean {
    return this.#loggingOut;
  }
  /** A message for the next screen (e.g. after logout); shown once (`takeNotice`). */
  get notice(): Notice | null {
    return this.#notice;
  }
  get otpDraft(): OtpDraft {
    return this.#otpDraft;
  }
  /** The error that ended the OTP step (expired or exhausted). */
  get otpEnded(): HostError | null {
    return this.#otpEnded;
  }
  /** The ID the reset key was mailed to ('' when none is pending). */
  get resetId(): string {
    return this.#resetId;
  }
  /** The ID the re-registration key was mailed to ('' when none is pending). */
  get reregId(): string {
    return this.#reregId;
  }

  async loadMeta(): Promise<void> {
    const r = await this.host.meta();
    if (r.ok && r.data.mailFrom) this.#mailFrom = r.data.mailFrom;
  }

  go(route: RouteName, options: { replace?: boolean; notice?: Notice } = {}): void {
    this.#notice = options.notice ?? null;
    this.router.go(route, options);
  }

  /** The notice for the screen now shown: it is shown once, then forgotten. */
  takeNotice(): Notice | null {
    const notice = this.#notice;
    this.#notice = null;
    return notice;
  }

  /** Back to login after the session ended (401) or on purpose. */
  toLogin(notice?: Notice): void {
    this.#signOut();
    this.#otpDraft = NO_OTP_DRAFT;
    this.go('login', notice ? { notice } : {});
  }

  // The login steps (R-LOGIN-2, R-OTP-3).

  /** A correct password: ワンタイムパスワード入力, with nothing carried from an earlier try. */
  askForOtp(): void {
    this.#otpDraft = NO_OTP_DRAFT;
    this.go('otp');
  }

  /** 送信 with the skip ticked: the confirmation comes first, holding the OTP typed. */
  confirmOtpSkip(otp: string): void {
    this.#otpDraft = { otp, remember: true, canceled: false };
    this.go('otp-confirm');
  }

  /** キャンセル on the confirmation: back to the entry screen, the OTP kept, the skip not set. */
  cancelOtpSkip(otp: string): void {
    this.#otpDraft = { otp, remember: false, canceled: true };
    this.go('otp', { replace: true });
  }

  /** The confirmation's request failed: back to the entry screen with the error beside the field. */
  returnToOtpEntry(otp: string, error: Text): void {
    this.#otpDraft = { otp, remember: true, canceled: false };
    this.go('otp', { replace: true, notice: { kind: 'error', text: error } });
  }

  /** The OTP expired or was mistyped too often (R-OTP-1, R-OTP-2): the screen that leads back to login. */
  endOtp(e: HostError): void {
    this.#otpEnded = e;
    this.go('otp-ended', { replace: true });
  }

  /** Signed in (after the password or the OTP): the home, out of the history. */
  enterHome(notice?: Notice): void {
    this.#otpDraft = NO_OTP_DRAFT;
    this.confirmSignedIn();
    this.go('home', { replace: true, ...(notice ? { notice } : {}) });
  }

  // Recovery and re-registration (R-PW-1, R-PW-6, R-REREG-1).

  /** The reset key was mailed to `id`: パスワード再登録 asks for it. */
  resetKeyMailed(id: string): void {
    this.#resetId = id;
    this.go('password-reset');
  }
  resetDone(): void {
    this.#resetId = '';
    this.go('password-reset-done', { replace: true });
  }
  /** The re-registration key was mailed to `id`: 認証キー入力 asks for it. */
  reregKeyMailed(id: string): void {
    this.#reregId = id;
    this.go('reregister-key');
  }
  reregDone(): void {
    this.#reregId = '';
    this.go('reregister-done', { replace: true });
  }

  /** マイページ退会 done: signed out, the screen that says so. */
  withdrawn(): void {
    this.#signOut();
    this.go('withdrawn', { replace: true });
  }

  // The session.

  /** The service answered a signed-in request: a session exists, and the page follows it (SessionWatch). */
  confirmSignedIn(): void {
    if (this.#signedIn) return;
    this.#signedIn = true;
    void this.#session.watch();
  }

  #signOut(): void {
    this.#signedIn = false;
    this.#session.stop();
  }

  /** ログアウト: the service revokes the session; the screen says so either way. */
  async logout(): Promise<void> {
    if (this.#loggingOut) return;
    this.#loggingOut = true;
    const r = await this.host.logout();
    this.#loggingOut = false;
    this.#signOut();
    const done = r.ok || r.error.error === 'unauthenticated';
    this.go('logged-out', {
      replace: true,
      notice: done
        ? { kind: 'success', text: this.i18n.text((m) => m.logout.done) }
        : { kind: 'error', text: this.i18n.text((m) => m.logout.failed) },
    });
  }

  /** A signed-in screen opened directly (reload, bookmark): ask the service whether a session exists. */
  async ensureSession(): Promise<void> {
    if (this.#signedIn) return;
    const r = await this.host.home();
    if (r.ok) this.confirmSignedIn();
    else this.handleSessionError(r.error);
  }

  /**
   * The data of a signed-in page: marks the visitor signed in, or, on a dead session, leads to
   * login (undefined), or gives the error text to show.
   */
  signedInData<T>(r: HostResult<T>): { data: T } | { error: Text } | undefined {
    if (r.ok) {
      this.confirmSignedIn();
      return { data: r.data };
    }
    return this.handleSessionError(r.error) ? undefined : { error: this.i18n.errorText(r.error) };
  }

  /** Call after any signed-in request: a 401 means the session is gone. */
  handleSessionError(e: HostError): boolean {
    if (e.error === 'unauthenticated') {
      this.toLogin({ kind: 'error', text: this.i18n.text((m) => m.errors.sessionEnded) });
      return true;
    }
    return false;
  }
}

export const [getApp, setApp] = createContext<AppModel>();
