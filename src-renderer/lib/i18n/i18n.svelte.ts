import { errorText, type ErrorCode } from '../../../src-shared/api/errors.js';
import type { HostError } from '../../../src-shared/host.js';
import { passwordViolationText, type PasswordViolation } from '../../../src-shared/password-policy.js';
import en from './en.js';
import ja, { type Catalog } from './ja.js';

export type Lang = 'ja' | 'en';
export const catalogs: Record<Lang, Catalog> = { ja, en };

/** The current language and its catalog. Japanese by default; the header switches it. */
export class I18n {
  lang = $state<Lang>('ja');

  constructor(lang: Lang = 'ja') {
    this.lang = lang;
  }

  get m(): Catalog {
    return catalogs[this.lang];
  }

  set(lang: Lang): void {
    this.lang = lang;
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }

  /** The text for an error answer: the catalog's wording for the code, else the service's message. */
  error(e: HostError): string {
    if (e.error === 'network_error') return this.m.errors.network_error;
    const known = errorText[e.error as ErrorCode] as { ja: string; en: string } | undefined;
    if (known) return known[this.lang];
    return e.message;
  }

  violation(v: PasswordViolation | string): string {
    const known = passwordViolationText[v as PasswordViolation] as { ja: string; en: string } | undefined;
    return known ? known[this.lang] : v;
  }
}
