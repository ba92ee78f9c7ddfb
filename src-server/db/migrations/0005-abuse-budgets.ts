import type { Kysely } from 'kysely';

/**
 * Issue 11, part B. Per-account budgets over a rolling hour (R-OTP-8: wrong OTPs and OTP mails;
 * R-PW-7: recovery mails): `budget_events` holds one row per counted event, `budget_holds` one
 * row per (subject, scope) that a transaction upserts first, so the count-then-add of parallel
 * requests — in one process or many — runs one at a time (PostgreSQL row lock, SQLite write lock).
 *
 * The stand-in account (and its office): unknown IDs run the same code as known ones against it
 * (keys issued to it, its mail dropped unsent), so an answer cannot tell whether an ID exists.
 * Its login ID starts with a space, which no normalised ID can; its password hash verifies nothing.
 */
export const STAND_IN_ACCOUNT_ID = 'stand-in';
export const STAND_IN_LOGIN_ID = ' stand-in';
const STAND_IN_OFFICE_ID = 'stand-in';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budget_holds')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('held_at', 'bigint', (c) => c.notNull())
    .addColumn('notified_at', 'bigint')
    .addPrimaryKeyConstraint('budget_holds_pk', ['subject', 'scope'])
    .execute();
  await db.schema
    .createTable('budget_events')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_events_subject').on('budget_events').columns(['subject', 'kind', 'at']).execute();

  await db.insertInto('offices').values({ id: STAND_IN_OFFICE_ID, name: ' stand-in' }).execute();
  await db
    .insertInto('accounts')
    .values({
      id: STAND_IN_ACCOUNT_ID,
      login_id: STAND_IN_LOGIN_ID,
      password_hash: '!',
      company: '',
      office_id: STAND_IN_OFFICE_ID,
      status: 'withdrawn',
      withdrawn_at: 0,
      created_at: 0,
      updated_at: 0,
      password_changed_at: 0,
    })
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('mailed_keys').where('account_id', '=', STAND_IN_ACCOUNT_ID).execute();
  await db.deleteFrom('accounts').where('id', '=', STAND_IN_ACCOUNT_ID).execute();
  await db.deleteFrom('offices').where('id', '=', STAND_IN_OFFICE_ID).execute();
  await db.schema.dropTable('budget_events').execute();
  await db.schema.dropTable('budget_holds').execute();
}
