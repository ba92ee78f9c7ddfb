import type { AppModel } from '../app-entry.js';
import type { HostError } from '../../src-shared/host.js';
import type { KioskApi, KioskEvent, KioskStatus } from '../../src-shared/kiosk-bridge.js';
import type { KioskStartHint } from '../../src-shared/kiosk-start-hint.js';
import { KioskHost } from '../lib/host/kiosk-host.js';
import { announcedSeconds } from './idle-countdown.js';
import { kioskText, type KioskLang } from './kiosk-text.js';

type Phase = 'loading' | 'enroll' | 'app' | 'failed';

/**
 * The kiosk shell's state (R-KIOSK-1, R-KIOSK-2, R-KIOSK-3, R-KIOSK-4): 端末登録 until the terminal is enrolled, then the
 * shared screens over a KioskHost, with the idle countdown and the admin exit on top. It changes
 * only through its methods: main's events (`onEvent`) and what the visitor does.
 */
export class KioskShellModel {
  #phase = $state<Phase>('loading');
  #status = $state<KioskStatus | null>(null);
  #idleSecondsLeft = $state<number | null>(null);
  #idleAnnounced = $state<number | null>(null);
  #attestationFailed = $state(false);
  #adminOpen = $state(false);
  #offline = $state(false);
  #updateRequired = $state(false);
  #outsideNotice = $state(false);
  #app = $state.raw<AppModel | null>(null);
  readonly host: KioskHost;
  /** Main's hint for this page: with `enrolled`, the login form is drawn before `status` answers. */
  readonly hint: KioskStartHint | null;

  constructor(
    readonly api: KioskApi,
    hint: KioskStartHint | null = null,
  ) {
    this.hint = hint;
    if (hint?.enrolled) this.#phase = 'app';
    this.host = new KioskHost(api, {
      onSignIn: (r) => (this.#attestationFailed = r.status === 'otp_required' && r.attestationFailed === true),
    });
  }

  get phase(): Phase {
    return this.#phase;
  }
  get status(): KioskStatus | null {
    return this.#status;
  }
  /** Seconds left before the idle wipe; null while the visitor is active. */
  get idleSecondsLeft(): number | null {
    return this.#idleSecondsLeft;
  }
  /** What the countdown's live region says (every ~10 s and the last 10 s, not every second). */
  get idleAnnounced(): number | null {
    return this.#idleAnnounced;
  }
  get adminOpen(): boolean {
    return this.#adminOpen;
  }
  /**
   * Issue 13: the service cannot be reached; main retries by itself. The visitor's screens stay
   * as they were underneath, and come back when it answers (issue 21: nothing typed is lost).
   */
  get offline(): boolean {
    return this.#offline;
  }
  /**
   * R-FLEET-1: the service refuses this build. 「この端末は更新が必要です」 stands in place of the
   * login until a heartbeat is accepted again (main keeps beating).
   */
  get updateRequired(): boolean {
    return this.#updateRequired;
  }
  /** A link off My Page was refused (R-HOME-2): the banner says why. */
  get outsideNotice(): boolean {
    return this.#outsideNotice;
  }
  get app(): AppModel | null {
    return this.#app;
  }
  /** Set only by the Chromium preview of `npm start` (no Electron): the page says it is one. */
  get preview(): boolean {
    return this.api.preview === true;
  }

  /** The configured language at first; then whatever the visitor picked in the header. */
  get lang(): KioskLang {
    return this.#app?.i18n.lang ?? this.startLang;
  }
  get startLang(): KioskLang {
    return this.#status?.locale ?? this.hint?.locale ?? 'ja';
  }
  get t() {
    return kioskText[this.lang];
  }
  /** R-KIOSK-2: shown on the OTP step only (the last sign-in fell back to it, the terminal unverified). */
  get showAttestationNote(): boolean {
    return this.#attestationFailed && this.#app?.router.current === 'otp';
  }

  /** Asks main for the status and follows it (also when the hint already drew the login form). */
  async load(): Promise<void> {
    const r = await this.api.status();
    if (!r.ok) {
      this.#phase = 'failed';
      return;
    }
    this.#status = r.data;
    this.#phase = r.data.enrolled ? 'app' : 'enroll';
  }

  async enroll(serviceUrl: string, code: string): Promise<HostError | null> {
    const r = await this.api.enroll({ serviceUrl, code });
    if (!r.ok) return r.error;
    await this.load();
    return null;
  }

  /** The shared screens are up: the shell follows their language and route. */
  attach(app: AppModel): void {
    this.#app = app;
  }

  onEvent(event: KioskEvent): void {
    if (event.type === 'idle-warning') {
      this.#idleSecondsLeft = event.secondsLeft;
      this.#idleAnnounced = announcedSeconds(event.secondsLeft, this.#idleAnnounced);
    } else if (event.type === 'idle-active') this.#closeIdleWarning();
    else if (event.type === 'admin-prompt') this.#adminOpen = true;
    else if (event.type === 'service-offline') this.#offline = true;
    else if (event.type === 'service-online') this.#offline = false;
    else if (event.type === 'update-required') this.#updateRequired = true;
    else if (event.type === 'update-cleared') this.#updateRequired = false;
  }

  /** A link off My Page was clicked and stopped (R-HOME-2). */
  refuseOutsideLink(): void {
    this.#outsideNotice = true;
  }

  /** キャンセル in the admin exit. */
  closeAdminExit(): void {
    this.#adminOpen = false;
  }

  /** 「延長する」: one action, both clocks — main's idle guard and the session's idle time at the service. */
  extendSession(): void {
    this.#closeIdleWarning();
    void this.api.extendSession();
  }

  /** 「ログアウト」 in the warning: end now, through the same wipe as the header's ログアウト. */
  logoutNow(): void {
    this.#closeIdleWarning();
    void this.api.logout();
  }

  #closeIdleWarning(): void {
    this.#idleSecondsLeft = null;
    this.#idleAnnounced = null;
  }
}
