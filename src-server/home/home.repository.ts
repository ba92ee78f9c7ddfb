import { postingCategories, type PostingCategory } from '../../src-shared/api/schemas.js';
import type { Executor } from '../db/schema.js';

/**
 * R-HOME-1: company, office, unread messages and postings per category, from the tables, in ONE
 * statement: one row per category that has postings (or one row with no category), each carrying
 * the account's company and office; the unread count is an uncorrelated scalar subquery, computed
 * once (PostgreSQL makes it an InitPlan, SQLite caches it). Two statements were two round trips.
 */
export async function loadHome(db: Executor, accountId: string) {
  const rows = await db
    .selectFrom('accounts')
    .innerJoin('offices', 'offices.id', 'accounts.office_id')
    .leftJoin('job_postings', 'job_postings.account_id', 'accounts.id')
    .select((eb) => [
      'accounts.company',
      'offices.name as office',
      eb
        .selectFrom('messages')
        .select((m) => m.fn.countAll<number>().as('n'))
        .where('messages.account_id', '=', accountId)
        .where('messages.read_at', 'is', null)
        .as('unread'),
      'job_postings.category',
      eb.fn.count<number>('job_postings.id').as('openings'),
      eb.fn.sum<number>('job_postings.hires').as('hires'),
    ])
    .where('accounts.id', '=', accountId)
    .groupBy(['accounts.company', 'offices.name', 'job_postings.category'])
    .execute();
  const head = rows[0];
  if (!head) return undefined;
  const byCategory = new Map<PostingCategory, { openings: number; hires: number }>(
    rows.flatMap((g) =>
      g.category ? [[g.category, { openings: Number(g.openings), hires: Number(g.hires ?? 0) }] as const] : [],
    ),
  );
  return {
    company: head.company,
    office: head.office,
    newMessages: Number(head.unread ?? 0),
    postings: postingCategories.map((category) => ({
      category,
      ...(byCategory.get(category) ?? { openings: 0, hires: 0 }),
    })),
  };
}
