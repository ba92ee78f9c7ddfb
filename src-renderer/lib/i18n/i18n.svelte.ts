import { errorText } from '../../../src-shared/api/errors.js';
import type { HostError } from '../../../src-shared/host.js';
import { passwordViolationText, type PasswordViolation } from '../../../src-shared/password-policy.js';
import ja, { type Catalog } from './ja.js';

export type Lang = 'ja' | 'en';

/**
 * A text the screen shows, worded when it is shown: state keeps `Text`, never a worded string, so
 * an error on screen follows the language chosen after it appeared (issue 21). Called during a
 * render, it reads the current catalog, so the render follows a switch.
 */
export type Text = () => string;

/** A catalog by language. Japanese is in the main bundle; English loads on first use. */
export async function loadCatalog(lang: Lang): Promise<Catalog> {
  return lang === 'ja' ? ja : (await import('./en.js')).default;
}

/** The current language and its catalog. Japanese by default; the header switches it. */
export class I18n {
  lang = $state<Lang>('ja');
  #loaded = $state.raw<Partial<Record<Lang, Catalog>>>({ ja });

  constructor(lang: Lang = 'ja') {
    if (lang !== 'ja') void this.set(lang);
  }

  get m(): Catalog {
    return this.#loaded[this.lang] ?? ja;
  }

  #wanted: Lang = 'ja';

  /** The last choice wins: 日本語 clicked while English is still loading stays 日本語. */
  async set(lang: Lang): Promise<void> {
    this.#wanted = lang;
    if (!this.#loaded[lang]) {
      const catalog = await loadCatalog(lang);
      this.#loaded = { ...this.#loaded, [lang]: catalog };
    }
    if (this.#wanted !== lang) return;
    this.lang = lang;
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }

  /** The text for an error answer: the catalog's wording for the code, else the service's message. */
  error(e: HostError): string {
    if (e.error === 'network_error') return this.m.errors.network_error;
    const known = errorText[e.error] as { ja: string; en: string } | undefined;
    if (known) return known[this.lang];
    return e.message;
  }

  /** The text `pick` chooses from the catalog, worded when shown. */
  text(pick: (m: Catalog) => string): Text {
    return () => pick(this.m);
  }

  /** The text of an error answer (see `error`), worded when shown. */
  errorText(e: HostError): Text {
    return () => this.error(e);
  }

  /** Sentences in a row: Japanese runs them together, English puts a space between. */
  join(...parts: string[]): string {
    return parts.filter(Boolean).join(this.lang === 'ja' ? '' : ' ');
  }

  violation(v: string): string {
    const known = passwordViolationText[v as PasswordViolation] as { ja: string; en: string } | undefined;
    return known ? known[this.lang] : v;
  }
}
