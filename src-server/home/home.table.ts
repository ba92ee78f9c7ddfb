import type { PostingCategory } from '../../src-shared/api/schemas.js';

/** R-HOME-1: the data behind 求人者マイページホーム. Times are epoch milliseconds. */
export interface MessagesTable {
  id: string;
  account_id: string;
  subject: string;
  body: string;
  created_at: number;
  read_at: number | null;
}

/** One job posting (求人); 求人件数 counts rows, 採用人数 sums hires. */
export interface JobPostingsTable {
  id: string;
  account_id: string;
  category: PostingCategory;
  title: string;
  hires: number;
  created_at: number;
}
