import type { Kysely } from 'kysely';

/**
 * The fleet view (issue 5): when the kiosk's window last painted (its heartbeat says so), and the
 * lookups the kiosk feature makes often — terminals sharing a machine-ID hash (cloned images),
 * the visitor sessions of a terminal (revoked with it).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('kiosk_terminals').addColumn('painted_at', 'bigint').execute();
  await db.schema.createIndex('kiosk_terminals_machine_id').on('kiosk_terminals').column('machine_id_hash').execute();
  await db.schema.createIndex('sessions_terminal').on('sessions').column('terminal_id').execute();
  await db.schema.createIndex('kiosk_nonces_terminal').on('kiosk_nonces').column('terminal_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('kiosk_nonces_terminal').execute();
  await db.schema.dropIndex('sessions_terminal').execute();
  await db.schema.dropIndex('kiosk_terminals_machine_id').execute();
  await db.schema.alterTable('kiosk_terminals').dropColumn('painted_at').execute();
}
