import { normalizeAccountId } from '../../src-shared/account-id.js';
import type { EmployerSummary } from '../../src-shared/staff-api/actions.js';
import { companySearchKey } from '../accounts/company-search.js';
import type { AppDeps } from '../app-deps.js';
import type { StaffActor } from '../staff/require-staff.js';
import { findByLoginId, searchByCompany, type SearchCursor } from './employer-search.repository.js';
import { officeScope, summarize } from './employers.service.js';

export type SearchOutcome =
  { status: 'ok'; employers: EmployerSummary[]; nextAfter: string | null } | { status: 'bad_cursor' };

/** The cursor the console sends back: base64url of [company_search, id] of a page's last row (opaque to it). */
export const cursorText = (c: SearchCursor): string => Buffer.from(JSON.stringify([c.key, c.id])).toString('base64url');

function cursorOf(text: string): SearchCursor | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
      return { key: v[0], id: v[1] };
  } catch {
    // not ours: answered as a bad cursor below
  }
  return undefined;
}

/**
 * 求人者検索 (issue 18): the exact ID (normalised as the login does; the unique index), shown first
 * on the first page, then every employer whose normalised company name (companySearchKey) contains
 * the typed text's, in (name, id) order. Pages by keyset: `after` is the previous page's
 * `nextAfter`, so rows inserted meanwhile shift nothing and every match comes once; each page
 * costs the same however deep. A text that is nothing but marks and spaces searches the ID only.
 */
export async function searchOfficeEmployers(
  deps: Pick<AppDeps, 'db' | 'clock' | 'dialect'>,
  actor: StaffActor,
  query: { q: string; after?: string | undefined; limit: number },
): Promise<SearchOutcome> {
  const after = query.after === undefined ? null : cursorOf(query.after);
  if (after === undefined) return { status: 'bad_cursor' };
  const now = deps.clock.now().getTime();
  const officeId = officeScope(actor);
  const exact = await findByLoginId(deps.db, { officeId, loginId: normalizeAccountId(query.q), now });
  const key = companySearchKey(query.q);
  const rows = key
    ? await searchByCompany(deps.db, deps.dialect, {
        officeId,
        key,
        after,
        exceptId: exact?.id ?? null,
        now,
        limit: query.limit + 1,
      })
    : [];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const first = after === null && exact ? [exact] : [];
  return {
    status: 'ok',
    employers: [...first, ...page].map((r) => summarize(r, now)),
    nextAfter: rows.length > query.limit && last ? cursorText({ key: last.company_search, id: last.id }) : null,
  };
}
