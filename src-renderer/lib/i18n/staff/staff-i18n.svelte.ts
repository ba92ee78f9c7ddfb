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

export type AuditDetail = Record<string, string | number | boolean | null>;

/**
 * An audit row's detail as worded pairs [key, value] (「端末名」「受付横 1」): keys and coded values in
 * the catalog's words, numbers with their unit, yes/no. `omit`: keys the row shows elsewhere. With a
 * terminal's name the raw terminal ID is left out (端末一覧 shows it).
 */
export function detailPairs(
  m: StaffCatalog,
  detail: AuditDetail | null | undefined,
  omit: string[] = [],
): [string, string][] {
  if (!detail) return [];
  const named = typeof detail['label'] === 'string' && detail['label'] !== '';
  const skip = named ? [...omit, 'terminalId'] : omit;
  return Object.entries(detail)
    .filter(([k, v]) => v !== null && v !== '' && !skip.includes(k))
    .map(([k, v]) => [
      m.audit.detailKeys[k] ?? ja.audit.detailKeys[k] ?? k,
      valueText(m, k, v as string | number | boolean),
    ]);
}

/** The same pairs as one line: 「安定所：…、端末名：…」. */
export function detailText(m: StaffCatalog, detail: AuditDetail | null | undefined, omit: string[] = []): string {
  const en = m !== ja;
  return detailPairs(m, detail, omit)
    .map(([k, v]) => `${k}${en ? ': ' : '：'}${v}`)
    .join(en ? ', ' : '、');
}

function valueText(m: StaffCatalog, key: string, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? m.audit.yes : m.audit.no;
  if (typeof value === 'number') {
    if (key === 'offlineMs') return m.audit.duration(value);
    if (key === 'wrong' || key === 'mails') return m.audit.times(value);
    if (key === 'sessionsEnded' || key === 'others') return m.audit.count(value);
    return String(value);
  }
  if (key === 'documentKind') return m.documents[value] ?? value;
  if (key === 'role') return m.audit.roles[value] ?? value;
  return m.audit.values[key]?.[value] ?? value;
}

/** A timestamp of the API as [date, time of day] in the catalog's format; null for none. */
export function dateParts(m: StaffCatalog, iso: string | null): [string, string] | null {
  if (!iso) return null;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a value formatted at once, never state
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? [iso, ''] : [m.common.date(d), m.common.time(d)];
}

/** A timestamp of the API (ISO 8601) in the catalog's format, or "記録なし". */
export function dateText(m: StaffCatalog, iso: string | null): string {
  if (!iso) return m.common.never;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a value formatted at once, never state
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : m.common.dateTime(d);
}
