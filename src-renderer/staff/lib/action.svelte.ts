import type { StaffCatalog } from '../../lib/i18n/staff/ja.js';
import type { StaffResult } from './staff-client.js';

/**
 * What the screen says about the last thing done (「ロックを解除しました。」, 「ログアウトしました。」),
 * as words of the catalog, so it follows a language switch.
 */
export type ScreenNotice = { kind: 'success' | 'warn'; words: (m: StaffCatalog) => string };

/**
 * The actions of one screen and its notice. When the clerk starts an action (`begin`), every other
 * action's error and the notice of the last one go: nothing stale stays above the new outcome.
 */
export class ScreenActions {
  notice = $state.raw<ScreenNotice | null>(null);
  readonly #actions: ActionState[] = [];

  /** A new action of this screen (a form, a button, a list's loading). */
  action<K extends string = string>(): ActionState<K> {
    const a = new ActionState<K>(this);
    this.#actions.push(a);
    return a;
  }

  began(started: ActionState): void {
    this.notice = null;
    for (const a of this.#actions) if (a !== started) a.clear();
  }
}

/**
 * One form or button of the console: errors by field, a message for the whole action, and what
 * it is waiting for (the passkey prompt or the service) so the screen can say so. The values
 * typed live in the screen and are never cleared by a failure.
 */
export class ActionState<K extends string = string> {
  errors = $state<Partial<Record<K, string>>>({});
  message = $state<string | null>(null);
  waiting = $state<'passkey' | 'service' | null>(null);
  /** Bumped on every failure so the screen can move focus to the first error. */
  attempt = $state(0);
  readonly #screen: ScreenActions | undefined;

  constructor(screen?: ScreenActions) {
    this.#screen = screen;
  }

  get busy(): boolean {
    return this.waiting !== null;
  }

  /** The clerk starts this action: its own words and every other one's on the screen go. */
  begin(): void {
    this.clear();
    this.#screen?.began(this);
  }

  touch(field: K): void {
    if (this.errors[field] === undefined) return;
    const next = { ...this.errors };
    delete next[field];
    this.errors = next;
  }

  fail(errors: Partial<Record<K, string>>, message: string | null = null): void {
    this.errors = errors;
    this.message = message;
    this.attempt += 1;
  }

  clear(): void {
    this.errors = {};
    this.message = null;
  }

  /** Runs one step unless one is running (no double submit); a throw becomes a failure too. */
  async step<T>(waiting: 'passkey' | 'service', request: () => Promise<StaffResult<T>>): Promise<StaffResult<T>> {
    this.waiting = waiting;
    try {
      return await request();
    } catch (err) {
      return {
        ok: false,
        error: { error: 'internal_error', message: err instanceof Error ? err.message : String(err) },
      };
    } finally {
      this.waiting = null;
    }
  }
}

/** Staff IDs and codes as typed: full-width letters and digits made half-width, spaces dropped. */
export function normalizeCode(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}
