import type { Kysely } from 'kysely';

/**
 * The staff console's reads of the audit log (issue 14): 操作履歴 (an employer's events, by account
 * or by ID, newest first) and the fleet's attestation failures of the last 24 h (by type and time).
 * Without these each would scan the whole log.
 */
const INDEXES = [
  ['audit_events_account', ['account_id', 'at']],
  ['audit_events_login_id', ['login_id', 'at']],
  ['audit_events_type', ['type', 'at']],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of INDEXES)
    await db.schema
      .createIndex(name)
      .on('audit_events')
      .columns([...columns])
      .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
