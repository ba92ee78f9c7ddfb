import type { HostError, HostResult } from '../../../src-shared/host.js';
import type { Text } from '../i18n/i18n.svelte.js';

/** The errors beside the fields, worded in the language shown now. */
export type FieldErrors<K extends string> = Partial<Record<K, string>>;
/** The errors beside the fields as a form keeps them: worded when shown (issue 21). */
export type FieldTexts<K extends string> = Partial<Record<K, Text>>;

/** Words each text of `texts` now (in a render: in the language shown, and again on a switch). */
export function wordTexts<K extends string>(texts: FieldTexts<K>): FieldErrors<K> {
  const worded: FieldErrors<K> = {};
  for (const [k, text] of Object.entries(texts) as [K, Text | undefined][]) if (text) worded[k] = text();
  return worded;
}

/**
 * One form's state: the typed values (kept when a request fails), the errors next to each
 * field, a message for the whole form, and `busy` while a request runs (no double submit).
 * Errors and the message are kept as texts and worded when read, so a screen already showing
 * them follows a language switch. Only the form's own methods change them.
 */
export class Form<K extends string> {
  /** What is typed: the fields bind to these values (and only they, or `fill`, change them). */
  readonly values: Record<K, string>;
  #errors = $state<FieldTexts<K>>({});
  #message = $state<Text | null>(null);
  #busy = $state(false);
  #attempt = $state(0);
  #worded = $derived(wordTexts(this.#errors));

  constructor(initial: Record<K, string>) {
    this.values = $state(initial);
  }

  get errors(): FieldErrors<K> {
    return this.#worded;
  }
  get message(): string | null {
    return this.#message?.() ?? null;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** Bumped on every failed submit so the screen can move focus to the first error. */
  get attempt(): number {
    return this.#attempt;
  }

  get invalid(): boolean {
    return this.#message !== null || Object.values(this.#errors).some(Boolean);
  }

  /** Puts `values` into the fields (a value carried from an earlier step, a test's input). */
  fill(values: Partial<Record<K, string>>): void {
    Object.assign(this.values, values);
  }

  /** The person edits a field: its error is stale now, so it goes (the others stay). */
  touch(field: K): void {
    if (this.#errors[field] === undefined) return;
    const next = { ...this.#errors };
    delete next[field];
    this.#errors = next;
  }

  clear(): void {
    this.#errors = {};
    this.#message = null;
  }

  fail(errors: FieldTexts<K>, message: Text | null = null): void {
    this.#errors = errors;
    this.#message = message;
    this.#attempt += 1;
  }

  /** Errors an earlier step found, shown beside the fields as they are (not a new failed attempt). */
  carryErrors(errors: FieldTexts<K>): void {
    this.#errors = errors;
  }

  /** Runs one request unless one is already running; resolves to its result, or null if skipped. */
  async run<T>(request: () => Promise<HostResult<T>>): Promise<HostResult<T> | null> {
    if (this.#busy) return null;
    this.#busy = true;
    try {
      return await request();
    } catch (err) {
      // A Host never throws; a bug in one must still not leave the form stuck.
      const error: HostError = { error: 'network_error', message: err instanceof Error ? err.message : String(err) };
      return { ok: false, error };
    } finally {
      this.#busy = false;
    }
  }
}

/** A loose e-mail shape check: only to help people before the service says the same. */
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.normalize('NFKC').trim());
}
