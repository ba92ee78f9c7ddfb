import { sql, type Kysely } from 'kysely';

/**
 * Every mailed key names the ID it was asked for (`login_id`), and a key try finds the keys of
 * (account, purpose, ID) through one index. Before, the stand-in account (accounts/stand-in.ts)
 * held the keys of every unknown ID at once, so a wrong key for an unknown ID counted a try on
 * each of them — hundreds of rows where a known ID touches one or two: equal statements, unequal
 * work (issue 20). Live keys get their account's ID; stand-in rows are left without one (they are
 * never completed). During a rolling update, a key an older instance mails has no ID and cannot be
 * completed here: the mail says to start again, within its 50 minutes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mailed_keys').addColumn('login_id', 'text').execute();
  await sql`update mailed_keys set login_id = (select accounts.login_id from accounts where accounts.id = mailed_keys.account_id) where account_id <> 'stand-in'`.execute(
    db,
  );
  await db.schema
    .createIndex('mailed_keys_account_login')
    .on('mailed_keys')
    .columns(['account_id', 'purpose', 'login_id'])
    .execute();
  await db.schema.dropIndex('mailed_keys_account').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('mailed_keys_account').on('mailed_keys').columns(['account_id', 'purpose']).execute();
  await db.schema.dropIndex('mailed_keys_account_login').execute();
  await db.schema.alterTable('mailed_keys').dropColumn('login_id').execute();
}
