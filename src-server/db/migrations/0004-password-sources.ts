import { sql, type Kysely } from 'kysely';

/**
 * R-LOGIN-6: failed passwords are counted per source. `login_failures` gains `source` ('' is
 * "anywhere else", `t:<terminal>` an attested kiosk, `b:<known browser>` a browser that signed in
 * before) in its primary key; the rows of before are "anywhere else", so a lock in force stays.
 * `known_browsers` holds the sha256 of each known-browser marker, bound to an account.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failures_by_source')
    .addColumn('login_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_failures_by_source_pk', ['login_id', 'source'])
    .execute();
  await sql`insert into login_failures_by_source (login_id, source, failures, locked_until, updated_at)
            select login_id, '', failures, locked_until, updated_at from login_failures`.execute(db);
  await db.schema.dropTable('login_failures').execute();
  await db.schema.alterTable('login_failures_by_source').renameTo('login_failures').execute();

  await db.schema
    .createTable('known_browsers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('known_browsers_token_account')
    .unique()
    .on('known_browsers')
    .columns(['token_hash', 'account_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('known_browsers').execute();
  await db.schema
    .createTable('login_failures_single')
    .addColumn('login_id', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into login_failures_single (login_id, failures, locked_until, updated_at)
            select login_id, failures, locked_until, updated_at from login_failures where source = ''`.execute(db);
  await db.schema.dropTable('login_failures').execute();
  await db.schema.alterTable('login_failures_single').renameTo('login_failures').execute();
}
