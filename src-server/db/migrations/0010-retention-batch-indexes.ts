import { sql, type Kysely } from 'kysely';

/**
 * Issue 18: the retention sweep deletes in bounded batches, each picking its oldest rows through
 * an index on the time it deletes by (db/batched-delete.ts). These had none: without them every
 * batch would scan the table (a million known browsers, the outbox's sent mail). Revoked and
 * sent/failed times are null on most rows, so those indexes hold only the rows that have one.
 */
const INDEXES = [
  ['known_browsers_expiry', 'known_browsers', 'expires_at', false],
  ['budget_events_at', 'budget_events', 'at', false],
  ['staff_registration_codes_expiry', 'staff_registration_codes', 'expires_at', false],
  ['sessions_revoked', 'sessions', 'revoked_at', true],
  ['staff_sessions_revoked', 'staff_sessions', 'revoked_at', true],
  ['outbox_sent', 'outbox', 'sent_at', true],
  ['outbox_failed', 'outbox', 'failed_at', true],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, column, onlySet] of INDEXES) {
    const index = db.schema.createIndex(name).on(table).column(column);
    await (onlySet ? index.where(sql.ref(column), 'is not', null) : index).execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
