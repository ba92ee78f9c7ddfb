import ja, { type StaffCatalog } from './ja.js';

export type StaffLang = 'ja' | 'en';

/** The staff console's language and catalog: Japanese by default, English loaded on switching. */
export class StaffI18n {
  lang = $state<StaffLang>('ja');
  #loaded = $state.raw<Partial<Record<StaffLang, StaffCatalog>>>({ ja });
  #wanted: StaffLang = 'ja';

  get m(): StaffCatalog {
    return this.#loaded[this.lang] ?? ja;
  }

  /** The last choice wins (as on the employer's screens). */
  async set(lang: StaffLang): Promise<void> {
    this.#wanted = lang;
    if (!this.#loaded[lang]) {
      const catalog = lang === 'ja' ? ja : (await import('./en.js')).default;
      this.#loaded = { ...this.#loaded, [lang]: catalog };
    }
    if (this.#wanted !== lang) return;
    this.lang = lang;
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }
}

/** The words for an answer code: the catalog's sentence, or the general one naming the code. */
export function staffErrorText(m: StaffCatalog, code: string): string {
  const known = (m.errors as Record<string, unknown>)[code];
  return typeof known === 'string' ? known : m.errors.unknown(code);
}

/** An audit event's type in plain words (ログイン, ロック, 再登録…). */
export function eventText(m: StaffCatalog, type: string): string {
  return m.events[type] ?? ja.events[type] ?? m.otherEvent(type);
}

export type EmployerState = 'active' | 'locked' | 'withdrawn';

/** 利用中 / ロック中 / 退会（n日経過）. */
export function employerStateText(m: StaffCatalog, state: EmployerState, withdrawnDays: number | null): string {
  if (state === 'withdrawn') return m.states.withdrawn(withdrawnDays);
  return m.states[state];
}

/** An audit row's detail (codes and values) as 「安定所：…、端末名：…」; document kinds worded. */
export function detailText(
  m: StaffCatalog,
  detail: Record<string, string | number | boolean | null> | string | null | undefined,
  omit: string[] = [],
): string {
  if (!detail) return '';
  if (typeof detail === 'string') return detail;
  const sep = m === ja ? '、' : ', ';
  return Object.entries(detail)
    .filter(([k, v]) => v !== null && v !== '' && !omit.includes(k))
    .map(([k, v]) => `${m.audit.detailKeys[k] ?? k}${m === ja ? '：' : ': '}${valueText(m, k, v)}`)
    .join(sep);
}

function valueText(m: StaffCatalog, key: string, value: string | number | boolean | null): string {
  if (key === 'documentKind') return m.documents[String(value)] ?? String(value);
  if (key === 'role') return m.audit.roles[String(value)] ?? String(value);
  if (typeof value === 'boolean') return value ? m.audit.yes : m.audit.no;
  return String(value);
}

/** A timestamp of the API (ISO 8601) in the catalog's format, or "記録なし". */
export function dateText(m: StaffCatalog, iso: string | null): string {
  if (!iso) return m.common.never;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a value formatted at once, never state
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : m.common.dateTime(d);
}
