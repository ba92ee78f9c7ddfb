import { createContext } from 'svelte';
import { StaffI18n, staffErrorText, type StaffLang } from '../../lib/i18n/staff/staff-i18n.svelte.js';
import { ScreenActions } from './action.svelte.js';
import { IdleTimer } from './idle-timer.js';
import type { StaffClient, StaffError } from './staff-client.js';
import { homeOf, mayOpen, type ScreenArgs, type StaffScreenName, type StaffView } from './staff-screens.js';
import type { EmployerRow, StaffMe } from './staff-types.js';

/** Why the sign-in screen is shown again (its message). */
export type SignedOutReason = 'idle' | 'expired' | 'loggedOut' | 'registered';

/**
 * The console's state: who is signed in, the screen shown (`view`, null while the session is
 * checked on load) with its actions and notice, and the idle clock. Screens read it from the
 * context (`getStaff()`); which screens exist is the table's (`staff-screens.ts`).
 */
export class StaffModel {
  readonly i18n: StaffI18n;
  readonly client: StaffClient;
  me = $state.raw<StaffMe | null>(null);
  view = $state.raw<StaffView | null>(null);
  /** The shown screen's actions and notice: a new screen starts with none. */
  screen = $state.raw(new ScreenActions());
  loggingOut = $state(false);
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
    else this.go('signin');
  }

  signedIn(me: StaffMe): void {
    this.me = me;
    this.idle.touch();
    this.go(homeOf(me.role));
  }

  /**
   * Opens a screen of the table with what it needs. A screen the staff member may not see (another
   * role's, or a signed-out one while signed in) opens where they belong instead.
   */
  go<K extends StaffScreenName>(name: K, ...args: ScreenArgs<K>): void {
    const role = this.me?.role ?? null;
    const view = mayOpen(name, role)
      ? ({ name, params: args[0] ?? {} } as StaffView)
      : ({ name: role ? homeOf(role) : 'signin', params: {} } as StaffView);
    this.screen = new ScreenActions();
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

  /** Back to 職員ログイン with a notice saying why (idle, expired, signed out, registered). */
  endSession(reason: SignedOutReason, staffId?: string): void {
    this.idle.stop();
    this.me = null;
    this.search = { q: '', results: null, next: null };
    this.go('signin', staffId ? { staffId } : {});
    this.screen.notice = {
      kind: reason === 'idle' || reason === 'expired' ? 'warn' : 'success',
      words: (m) => m.signin[reason],
    };
  }

  /** The words for an error answer, in the language shown. */
  error(e: StaffError): string {
    return staffErrorText(this.i18n.m, e.error);
  }
}

export const [getStaff, setStaff] = createContext<StaffModel>();
