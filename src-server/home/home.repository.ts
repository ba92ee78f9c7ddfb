import { postingCategories, type PostingCategory } from '../../src-shared/api/schemas.js';
import type { Executor } from '../db/schema.js';

/** R-HOME-1: company, office, unread messages and postings per category, from the tables. */
export async function loadHome(db: Executor, accountId: string) {
  // The unread count rides along as a scalar subquery: one statement fewer per home page.
  const head = await db
    .selectFrom('accounts')
    .innerJoin('offices', 'offices.id', 'accounts.office_id')
    .select((eb) => [
      'accounts.company',
      'offices.name as office',
      eb
        .selectFrom('messages')
        .select((m) => m.fn.countAll<number>().as('n'))
        .where('messages.account_id', '=', accountId)
        .where('messages.read_at', 'is', null)
        .as('unread'),
    ])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
  if (!head) return undefined;
  const groups = await db
    .selectFrom('job_postings')
    .select((eb) => ['category', eb.fn.countAll().as('openings'), eb.fn.sum<number>('hires').as('hires')])
    .where('account_id', '=', accountId)
    .groupBy('category')
    .execute();
  const byCategory = new Map<PostingCategory, { openings: number; hires: number }>(
    groups.map((g) => [g.category, { openings: Number(g.openings), hires: Number(g.hires ?? 0) }]),
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
