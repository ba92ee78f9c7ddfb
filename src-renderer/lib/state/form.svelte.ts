import type { HostError, HostResult } from '../../../src-shared/host.js';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/**
 * One form's state: the typed values (kept when a request fails), the errors next to each
 * field, a message for the whole form, and `busy` while a request runs (no double submit).
 */
export class Form<K extends string> {
  values: Record<K, string>;
  errors = $state<FieldErrors<K>>({});
  message = $state<string | null>(null);
  busy = $state(false);
  /** Bumped on every failed submit so the screen can move focus to the first error. */
  attempt = $state(0);

  constructor(initial: Record<K, string>) {
    this.values = $state(initial);
  }

  get invalid(): boolean {
    return this.message !== null || Object.values(this.errors).some(Boolean);
  }

  /** The person edits a field: its error is stale now, so it goes (the others stay). */
  touch(field: K): void {
    if (this.errors[field] === undefined) return;
    const next = { ...this.errors };
    delete next[field];
    this.errors = next;
  }

  clear(): void {
    this.errors = {};
    this.message = null;
  }

  fail(errors: FieldErrors<K>, message: string | null = null): void {
    this.errors = errors;
    this.message = message;
    this.attempt += 1;
  }

  /** Runs one request unless one is already running; resolves to its result, or null if skipped. */
  async run<T>(request: () => Promise<HostResult<T>>): Promise<HostResult<T> | null> {
    if (this.busy) return null;
    this.busy = true;
    try {
      return await request();
    } catch (err) {
      // A Host never throws; a bug in one must still not leave the form stuck.
      const error: HostError = { error: 'network_error', message: err instanceof Error ? err.message : String(err) };
      return { ok: false, error };
    } finally {
      this.busy = false;
    }
  }
}

/** A loose e-mail shape check: only to help people before the service says the same. */
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.normalize('NFKC').trim());
}
