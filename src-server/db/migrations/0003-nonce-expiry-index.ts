import type { Kysely } from 'kysely';

/**
 * Kiosk nonces are deleted when they are used (single use by DELETE … RETURNING), so the only
 * spent nonces left are expired ones, found through (terminal_id, expires_at). Before, each new
 * nonce scanned every nonce of its terminal for used or expired ones (docs/performance.md).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('kiosk_nonces').where('used_at', 'is not', null).execute();
  await db.schema.dropIndex('kiosk_nonces_terminal').execute();
  await db.schema
    .createIndex('kiosk_nonces_terminal_expiry')
    .on('kiosk_nonces')
    .columns(['terminal_id', 'expires_at'])
    .execute();
  await db.schema.alterTable('kiosk_nonces').dropColumn('used_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kiosk_nonces').addColumn('used_at', 'bigint').execute();
  await db.schema.dropIndex('kiosk_nonces_terminal_expiry').execute();
  await db.schema.createIndex('kiosk_nonces_terminal').on('kiosk_nonces').column('terminal_id').execute();
}
