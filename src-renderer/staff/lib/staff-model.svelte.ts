import { createContext } from 'svelte';
import { StaffI18n, staffErrorText, type StaffLang } from '../../lib/i18n/staff/staff-i18n.svelte.js';
import { IdleTimer } from './idle-timer.js';
import type { StaffClient, StaffError } from './staff-client.js';
import type { EmployerRow, StaffMe } from './staff-types.js';

/** The console's screens. Office staff start at 求人者検索, IT staff at 端末一覧. */
export type StaffView =
  | { name: 'loading' }
  | { name: 'signin'; staffId?: string }
  | { name: 'register' }
  | { name: 'search' }
  | { name: 'employer'; employer: EmployerRow }
  | { name: 'kiosks' }
  | { name: 'enroll' }
  | { name: 'audit' };
export type StaffViewName = StaffView['name'];

/** Why the sign-in screen is shown again (its message). */
export type SignedOutReason = 'idle' | 'expired' | 'loggedOut' | 'registered';

/**
 * The console's state: who is signed in, the screen shown, the message the sign-in screen opens
 * with, and the idle clock. Screens read it from the context (`getStaff()`).
 */
export class StaffModel {
  readonly i18n: StaffI18n;
  readonly client: StaffClient;
  me = $state.raw<StaffMe | null>(null);
  view = $state.raw<StaffView>({ name: 'loading' });
  /** The sign-in screen's message after an idle, expired or ended session. */
  signedOut = $state<SignedOutReason | null>(null);
  loggingOut = $state(false);
  /** 求人者検索's query and results, kept while an employer's page is open. */
  /** 求人者検索: the typed text, the rows shown, and where さらに表示 goes on (the searched text and cursor). */
  search = $state<{ q: string; results: EmployerRow[] | null; next: { q: string; after: string } | null }>({
    q: '',
    results: null,
    next: null,
  });
  readonly idle: IdleTimer;

  constructor(client: StaffClient, options: { lang?: StaffLang; idle?: IdleTimer } = {}) {
    this.client = client;
    this.i18n = new StaffI18n();
    if (options.lang && options.lang !== 'ja') void this.i18n.set(options.lang);
    this.idle = options.idle ?? new IdleTimer(() => this.endSession('idle'));
    client.onanswer = (result) => {
      if (!this.me) return;
      if (!result.ok && result.error.error === 'staff_unauthenticated') this.endSession('expired');
      else if (result.ok || result.error.error !== 'network_error') this.idle.touch();
    };
  }

  /** On load: a live session goes to its role's first screen; else 職員ログイン. */
  async start(): Promise<void> {
    const r = await this.client.call('me');
    if (r.ok) this.signedIn(r.data.staff);
    else this.view = { name: 'signin' };
  }

  signedIn(me: StaffMe): void {
    this.me = me;
    this.signedOut = null;
    this.idle.touch();
    this.view = { name: home(me) };
  }

  go(view: StaffView): void {
    this.view = view;
  }

  /** The staff member's own ログアウト. */
  async logout(): Promise<void> {
    if (this.loggingOut) return;
    this.loggingOut = true;
    await this.client.call('logout');
    this.loggingOut = false;
    this.endSession('loggedOut');
  }

  /** Back to 職員ログイン with a message saying why (idle, expired, signed out, registered). */
  endSession(reason: SignedOutReason, staffId?: string): void {
    this.idle.stop();
    this.me = null;
    this.search = { q: '', results: null, next: null };
    this.signedOut = reason;
    this.view = staffId ? { name: 'signin', staffId } : { name: 'signin' };
  }

  /** The words for an error answer, in the language shown. */
  error(e: StaffError): string {
    return staffErrorText(this.i18n.m, e.error);
  }
}

export function home(me: StaffMe): 'search' | 'kiosks' {
  return me.role === 'it' ? 'kiosks' : 'search';
}

export const [getStaff, setStaff] = createContext<StaffModel>();
