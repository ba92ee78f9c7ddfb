import { sql, type Expression, type SqlBool } from 'kysely';
import type { Dialect } from '../db/database.js';
import { DECOY_ACCOUNT_ID } from '../accounts/decoy-account.js';
import type { Executor } from '../db/schema.js';
import { employers, type EmployerRow } from './employers.repository.js';

/** Where a page of 求人者検索 starts: after this (company_search, id), the order the pages run in. */
export interface SearchCursor {
  key: string;
  id: string;
}

/** Below this many characters no trigram exists. */
const TRIGRAM = 3;

/** `like` with the pattern's own wildcards taken literally. */
const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * `company_search` contains `key`. Within one office (the console's only case) a LIKE over the
 * office's rows of the covering index (office_id, company_search, id): ~1,840 short keys at
 * nationwide size, read in page order, so a common word stops at the page's end and a rare one reads
 * the office once. Across offices: PostgreSQL's LIKE is served by the pg_trgm GIN index from three
 * characters on; SQLite asks its FTS5 trigram table (a quoted phrase is a substring).
 */
function containsKey(dialect: Dialect, key: string, acrossOffices: boolean): Expression<SqlBool> {
  if (acrossOffices && dialect === 'sqlite' && Array.from(key).length >= TRIGRAM)
    return sql<SqlBool>`accounts.rowid in (select rowid from accounts_company_fts where accounts_company_fts match ${`"${key.replace(/"/g, '""')}"`})`;
  return sql<SqlBool>`accounts.company_search like ${containing(key)} escape ${'\\'}`;
}

/**
 * 求人者検索 by company: the employers whose normalised name contains `key`, in (company_search, id)
 * order after `after`, at most `limit`; `exceptId` (the exact ID's match, shown first) is left out.
 * The page's ids come first from the index alone (office_id, company_search, id: an index-only scan
 * within the office, or the trigram index), then only those rows are read (docs/performance.md).
 */
export function searchByCompany(
  db: Executor,
  dialect: Dialect,
  input: {
    officeId: string | null;
    key: string;
    after: SearchCursor | null;
    exceptId: string | null;
    now: number;
    limit: number;
  },
): Promise<EmployerRow[]> {
  const { after, exceptId, officeId } = input;
  let ids = db
    .selectFrom('accounts')
    .select('accounts.id')
    .where('accounts.id', '!=', DECOY_ACCOUNT_ID)
    .where(containsKey(dialect, input.key, officeId === null));
  if (officeId !== null) ids = ids.where('accounts.office_id', '=', officeId);
  if (after)
    ids = ids.where((eb) =>
      eb(eb.refTuple('accounts.company_search', 'accounts.id'), '>', eb.tuple(after.key, after.id)),
    );
  if (exceptId !== null) ids = ids.where('accounts.id', '!=', exceptId);
  const page = ids.orderBy('accounts.company_search').orderBy('accounts.id').limit(input.limit);
  return employers(db, officeId, input.now)
    .where('accounts.id', 'in', page)
    .orderBy('accounts.company_search')
    .orderBy('accounts.id')
    .execute();
}

/** 求人者検索 by the exact (normalised) ID: the unique index on login_id, within the office. */
export function findByLoginId(
  db: Executor,
  input: { officeId: string | null; loginId: string; now: number },
): Promise<EmployerRow | undefined> {
  return employers(db, input.officeId, input.now).where('accounts.login_id', '=', input.loginId).executeTakeFirst();
}
