import type { Kysely } from 'kysely';

/**
 * The retention sweep (src-server/ops/retention.ts) deletes by expiry every few minutes; without
 * these it would scan each table whole. outbox (sent_at, …) and audit_events (at) have theirs.
 */
const INDEXES = [
  ['login_challenges_expiry', 'login_challenges', 'expires_at'],
  ['kiosk_nonces_expiry', 'kiosk_nonces', 'expires_at'],
  ['sessions_expiry', 'sessions', 'expires_at'],
  ['mailed_keys_expiry', 'mailed_keys', 'expires_at'],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, column] of INDEXES) await db.schema.createIndex(name).on(table).column(column).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
