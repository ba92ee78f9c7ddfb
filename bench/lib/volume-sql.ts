import { sql } from 'kysely';
import type { Db } from '../../test/support/volume-service.js';

/**
 * The SQL the volume data set is generated with: each table's rows are `insert … select` over a
 * series of row numbers `g.i` (1, 2, …), in chunks — generate_series on PostgreSQL, a recursive
 * CTE on SQLite; one statement (one transaction) per chunk, no row ever passes through Node.
 * Column expressions are written once for both dialects with the helpers below.
 */
export type Dialect = 'sqlite' | 'postgres';

/** What a table's column expressions may use. `now` is the build's time (epoch ms). */
export interface FillContext {
  d: Dialect;
  now: number;
  sizes: VolumeSizes;
  /** One argon2 hash of the bench's password: every generated employer signs in with it. */
  passwordHash: string;
}

/** Rows per table. Offices are always 544; the rest scale (docs/performance.md, "Volume"). */
export interface VolumeSizes {
  offices: number;
  accounts: number;
  terminals: number;
  /** Audit rows spread over AUDIT_DAYS before the build, forged attestations included. */
  audit: number;
  /** `kiosk.attestation_failed` rows of the last 24 h (issue 18, item 4), part of `audit`. */
  forgedAttestations: number;
  knownBrowsers: number;
  deviceTrusts: number;
  /** A day of each. */
  challenges: number;
  sessions: number;
  budgetEvents: number;
}

/**
 * A table's generated rows: a column → SQL expression over `g.i` for every column it fills
 * (columns it leaves out get their defaults, so a later migration's column needs no change
 * here unless it must be filled — e.g. `company_search`).
 */
export interface TableFill {
  table: string;
  rows(sizes: VolumeSizes): number;
  columns(c: FillContext): Record<string, string>;
}

export const DAY_MS = 24 * 60 * 60_000;
export const AUDIT_DAYS = 400;
export const I = 'g.i';

/** `'literal'` with quotes doubled. */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** One of `words`, chosen by the integer expression `expr` (non-negative). */
export function pick(words: readonly string[], expr: string): string {
  return `(case (${expr}) % ${words.length} ${words.map((w, n) => `when ${n} then ${lit(w)}`).join(' ')} end)`;
}

/** The integer `expr` as text, zero-padded to `width` digits. */
export function pad(c: Pick<FillContext, 'd'>, expr: string, width: number): string {
  return c.d === 'postgres' ? `lpad((${expr})::text, ${width}, '0')` : `printf('%0${width}d', ${expr})`;
}

/** A row number spread over 0 … n-1 (Knuth's multiplicative hash): neighbours land far apart. */
export const spread = (expr: string, n: number) => `((${expr}) * 2654435761 % ${Math.max(1, n)})`;

/** Inserts `rows` rows of `fill` in chunks; `offset` shifts the row numbers (a second fill of the same table). */
export async function fillTable(
  db: Db,
  c: FillContext,
  fill: TableFill,
  opts: { rows?: number; offset?: number; columns?: Record<string, string>; chunk?: number } = {},
): Promise<number> {
  const total = opts.rows ?? fill.rows(c.sizes);
  const cols = opts.columns ?? fill.columns(c);
  const names = Object.keys(cols).join(', ');
  const exprs = Object.values(cols).join(', ');
  const chunk = opts.chunk ?? (c.d === 'postgres' ? 1_000_000 : 250_000);
  const offset = opts.offset ?? 0;
  for (let a = 1; a <= total; a += chunk) {
    const b = Math.min(total, a + chunk - 1);
    const [from, to] = [a + offset, b + offset];
    const text =
      c.d === 'postgres'
        ? `insert into ${fill.table} (${names}) select ${exprs} from generate_series(${from}::bigint, ${to}::bigint) as g(i)`
        : `with recursive g(i) as (select ${from} union all select i + 1 from g where i < ${to}) insert into ${fill.table} (${names}) select ${exprs} from g`;
    await sql.raw(text).execute(db);
  }
  return total;
}

/**
 * Secondary indexes (not primary keys or unique constraints) of `table`, dropped while `work`
 * fills it and made again after: one sort per index instead of a tree insert per row.
 */
export async function withoutSecondaryIndexes<T>(db: Db, d: Dialect, table: string, work: () => Promise<T>) {
  const indexes =
    d === 'postgres'
      ? (
          await sql<{ name: string; def: string }>`
            select indexname as name, indexdef as def from pg_indexes
            where schemaname = current_schema() and tablename = ${table}
              and indexname not in (select conname from pg_constraint)`.execute(db)
        ).rows
      : (
          await sql<{ name: string; def: string }>`
            select name, sql as def from sqlite_master
            where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db)
        ).rows;
  for (const x of indexes) await sql.raw(`drop index ${x.name}`).execute(db);
  const result = await work();
  for (const x of indexes) await sql.raw(x.def).execute(db);
  return result;
}
