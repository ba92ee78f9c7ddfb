import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { companySearchKey } from '../../accounts/company-search.js';

/**
 * Issue 18 (求人者検索 and 端末一覧 at nationwide volume) and issue 20 (whose attestation failure):
 * - `accounts.company_search`, the normalised company name (accounts/company-search.ts), filled
 *   here in short batches for existing rows and kept by `insertAccount` afterwards; indexed by
 *   office (office_id, company_search, id: an office's matches in page order) and for substrings —
 *   PostgreSQL a pg_trgm GIN index (LIKE '%…%' of 3+ characters), SQLite an external-content FTS5
 *   table with the trigram tokenizer kept by triggers.
 * - Attestation failures counted per hour: against a terminal only when its key signed
 *   (`terminal_failures`), otherwise against the source address (`attestation_source_failures`).
 *   端末一覧 sums ≤ 25 buckets per terminal instead of parsing audit JSON.
 * - `kiosk_terminals (office_id)` for 端末一覧's office filter.
 * The fill imports today's normaliser: a later change to it needs a refill of its own.
 */
const FILL_BATCH = 1000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

async function fillCompanySearch(db: AnyDb): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'company'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(FILL_BATCH)
      .execute();
    const batch = rows as Array<{ id: string; company: string }>;
    if (batch.length)
      await sql`with v(id, cs) as (values ${sql.join(batch.map((r) => sql`(${r.id}, ${companySearchKey(r.company)})`))})
        update accounts set company_search = v.cs from v where accounts.id = v.id`.execute(db);
    const last = rows.at(-1) as { id: string } | undefined;
    if (!last) return;
    after = last.id;
  }
}

async function substringIndex(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index accounts_company_search_trgm on accounts using gin (company_search gin_trgm_ops)`.execute(
      db,
    );
    return;
  }
  await sql`create virtual table accounts_company_fts using fts5(company_search, content='accounts', content_rowid='rowid', tokenize='trigram')`.execute(
    db,
  );
  await sql`create trigger accounts_company_fts_insert after insert on accounts begin
    insert into accounts_company_fts(rowid, company_search) values (new.rowid, new.company_search); end`.execute(db);
  await sql`create trigger accounts_company_fts_delete after delete on accounts begin
    insert into accounts_company_fts(accounts_company_fts, rowid, company_search) values ('delete', old.rowid, old.company_search); end`.execute(
    db,
  );
  await sql`create trigger accounts_company_fts_update after update of company_search on accounts begin
    insert into accounts_company_fts(accounts_company_fts, rowid, company_search) values ('delete', old.rowid, old.company_search);
    insert into accounts_company_fts(rowid, company_search) values (new.rowid, new.company_search); end`.execute(db);
  await sql`insert into accounts_company_fts(accounts_company_fts) values ('rebuild')`.execute(db);
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('company_search', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await fillCompanySearch(db);
  await db.schema
    .createIndex('accounts_office_company_search')
    .on('accounts')
    .columns(['office_id', 'company_search', 'id'])
    .execute();
  await substringIndex(db);

  await db.schema
    .createTable('terminal_failures')
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('hour', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('terminal_failures_pk', ['terminal_id', 'hour'])
    .execute();
  await db.schema
    .createTable('attestation_source_failures')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('hour', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('attestation_source_failures_pk', ['source', 'hour'])
    .execute();
  // each hour's busiest sources, read from the top (端末一覧), and the retention's range by hour
  await db.schema
    .createIndex('attestation_source_failures_hour')
    .on('attestation_source_failures')
    .columns(['hour', 'failures'])
    .execute();
  await db.schema.createIndex('terminal_failures_hour').on('terminal_failures').column('hour').execute();
  await db.schema.createIndex('kiosk_terminals_office').on('kiosk_terminals').column('office_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('kiosk_terminals_office').execute();
  await db.schema.dropTable('attestation_source_failures').execute();
  await db.schema.dropTable('terminal_failures').execute();
  if (isPostgres(db)) await db.schema.dropIndex('accounts_company_search_trgm').execute();
  else {
    for (const t of ['insert', 'delete', 'update']) await sql.raw(`drop trigger accounts_company_fts_${t}`).execute(db);
    await sql`drop table accounts_company_fts`.execute(db);
  }
  await db.schema.dropIndex('accounts_office_company_search').execute();
  await db.schema.alterTable('accounts').dropColumn('company_search').execute();
}
