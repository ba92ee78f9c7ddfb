import { sql, type Kysely } from 'kysely';

/**
 * The outbox gets a claim of its own and a terminal failure (issue 10, items 3 and 4):
 * - `claimed_until`: a sender's lease on a row while it hands it to SMTP (claimed with
 *   `FOR UPDATE SKIP LOCKED` on PostgreSQL). A sender that dies mid-send leaves a lease that
 *   runs out, and another sender retries the row. Before, the lease was `next_attempt_at`
 *   itself, so "due" and "being sent" could not be told apart.
 * - `failed_at`: the relay refused the mail for good (a 5xx reply); it is not retried, and its
 *   body (the code) is blanked like a sent one's.
 * The due rows are found through a partial index over the rows still to send.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('claimed_until', 'bigint').execute();
  await db.schema.alterTable('outbox').addColumn('failed_at', 'bigint').execute();
  await db.schema.dropIndex('outbox_pending').execute();
  await db.schema
    .createIndex('outbox_due')
    .on('outbox')
    .columns(['next_attempt_at', 'created_at'])
    .where(sql.ref('sent_at'), 'is', null)
    .where(sql.ref('failed_at'), 'is', null)
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_due').execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['sent_at', 'next_attempt_at']).execute();
  await db.schema.alterTable('outbox').dropColumn('failed_at').execute();
  await db.schema.alterTable('outbox').dropColumn('claimed_until').execute();
}
