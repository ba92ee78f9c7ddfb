import { sql } from 'kysely';
import type { Dialect } from './database.js';
import type { Database, Executor } from './schema.js';

/** One bounded delete of the retention sweep: at most `rows` rows, in the database's own dialect. */
export interface DeleteBatch {
  dialect: Dialect;
  rows: number;
}

/** The columns of `T` that hold a time (epoch milliseconds) a row can be deleted after. */
type TimeColumn<T extends keyof Database> = {
  [C in keyof Database[T]]: Database[T][C] extends number | null ? C : never;
}[keyof Database[T]] &
  string;

/**
 * Deletes at most `batch.rows` rows of `table` whose `column` is before `before`, oldest first,
 * in ONE statement: its own short transaction. The rows are picked through the index on `column`
 * (every column used here has one: migrations 0001, 0007, 0008, 0010) and deleted by their
 * physical address — SQLite's rowid, PostgreSQL's ctid — so neither a scan of the table nor a
 * second walk through the primary key. On PostgreSQL `ctid = any(array(…))` is a TID scan (the
 * manual's own "DELETE … LIMIT" idiom); `ctid in (select …)` would plan a sequential scan.
 * A row another transaction updates in between keeps its address no longer and is left for the
 * next batch, which is harmless: the sweep only removes rows nobody needs.
 */
export async function deleteOldestBefore<T extends keyof Database>(
  db: Executor,
  table: T,
  column: TimeColumn<T>,
  before: number,
  batch: DeleteBatch,
): Promise<number> {
  if (batch.rows <= 0) return 0;
  const t = sql.table(table);
  const c = sql.ref(column);
  const query =
    batch.dialect === 'postgres'
      ? sql`delete from ${t} where ctid = any(array(select ctid from ${t} where ${c} < ${before} order by ${c} limit ${batch.rows}))`
      : sql`delete from ${t} where rowid in (select rowid from ${t} where ${c} < ${before} order by ${c} limit ${batch.rows})`;
  const r = await query.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * A table with two ways to end (e.g. expired or revoked): one batch takes what the first leaves
 * room for from the second. Fewer than `batch.rows` back means both are drained.
 */
export async function deleteOldestBeforeEither<T extends keyof Database>(
  db: Executor,
  table: T,
  columns: readonly [TimeColumn<T>, TimeColumn<T>],
  before: number,
  batch: DeleteBatch,
): Promise<number> {
  const first = await deleteOldestBefore(db, table, columns[0], before, batch);
  if (first >= batch.rows) return first;
  return first + (await deleteOldestBefore(db, table, columns[1], before, { ...batch, rows: batch.rows - first }));
}
