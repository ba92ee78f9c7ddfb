import type { AppModel } from '../app-entry.js';
import type { HostError } from '../../src-shared/host.js';
import type { KioskApi, KioskEvent, KioskStatus } from '../../src-shared/kiosk-bridge.js';
import type { KioskStartHint } from '../../src-shared/kiosk-start-hint.js';
import { KioskHost } from '../lib/host/kiosk-host.js';
import { announcedSeconds } from './idle-countdown.js';
import { kioskText, type KioskLang } from './kiosk-text.js';

/**
 * The kiosk shell's state (R-KIOSK-1, R-KIOSK-2, R-KIOSK-3, R-KIOSK-4): 端末登録 until the terminal is enrolled, then the
 * shared screens over a KioskHost, with the idle countdown and the admin exit on top.
 */
export class KioskShellModel {
  phase = $state<'loading' | 'enroll' | 'app' | 'failed'>('loading');
  status = $state<KioskStatus | null>(null);
  /** Seconds left before the idle wipe; null while the visitor is active. */
  idleSecondsLeft = $state<number | null>(null);
  /** What the countdown's live region says (every ~10 s and the last 10 s, not every second). */
  idleAnnounced = $state<number | null>(null);
  /** The last sign-in fell back to the OTP step because the terminal was not verified. */
  attestationFailed = $state(false);
  adminOpen = $state(false);
  /** Issue 13: the service cannot be reached; main retries by itself and then shows a fresh login. */
  offline = $state(false);
  outsideNotice = $state(false);
  app = $state.raw<AppModel | null>(null);
  readonly host: KioskHost;
  /** Main's hint for this page: with `enrolled`, the login form is drawn before `status` answers. */
  readonly hint: KioskStartHint | null;

  constructor(
    readonly api: KioskApi,
    hint: KioskStartHint | null = null,
  ) {
    this.hint = hint;
    if (hint?.enrolled) this.phase = 'app';
    this.host = new KioskHost(api, {
      onSignIn: (r) => (this.attestationFailed = r.status === 'otp_required' && r.attestationFailed === true),
    });
  }

  /** The configured language at first; then whatever the visitor picked in the header. */
  get lang(): KioskLang {
    return this.app?.i18n.lang ?? this.startLang;
  }
  get startLang(): KioskLang {
    return this.status?.locale ?? this.hint?.locale ?? 'ja';
  }
  get t() {
    return kioskText[this.lang];
  }
  /** R-KIOSK-2: shown on the OTP step only. */
  get showAttestationNote(): boolean {
    return this.attestationFailed && this.app?.router.current === 'otp';
  }

  /** Asks main for the status and follows it (also when the hint already drew the login form). */
  async load(): Promise<void> {
    const r = await this.api.status();
    if (!r.ok) {
      this.phase = 'failed';
      return;
    }
    this.status = r.data;
    this.phase = r.data.enrolled ? 'app' : 'enroll';
  }

  async enroll(serviceUrl: string, code: string): Promise<HostError | null> {
    const r = await this.api.enroll({ serviceUrl, code });
    if (!r.ok) return r.error;
    await this.load();
    return null;
  }

  onEvent(event: KioskEvent): void {
    if (event.type === 'idle-warning') {
      this.idleSecondsLeft = event.secondsLeft;
      this.idleAnnounced = announcedSeconds(event.secondsLeft, this.idleAnnounced);
    } else if (event.type === 'idle-active') this.closeIdleWarning();
    else if (event.type === 'admin-prompt') this.adminOpen = true;
    else if (event.type === 'service-offline') this.offline = true;
    else if (event.type === 'service-online') this.offline = false;
  }

  /** 「延長する」: one action, both clocks — main's idle guard and the session's idle time at the service. */
  extendSession(): void {
    this.closeIdleWarning();
    void this.api.extendSession();
  }

  /** 「ログアウト」 in the warning: end now, through the same wipe as the header's ログアウト. */
  logoutNow(): void {
    this.closeIdleWarning();
    void this.api.logout();
  }

  private closeIdleWarning(): void {
    this.idleSecondsLeft = null;
    this.idleAnnounced = null;
  }
}
