import { sql, type Kysely } from 'kysely';

/**
 * R-DIAG-1: a terminal's diagnostics. A row is IT's request (`uploaded_at` null) until the
 * terminal answers it with its bundle (the redacted JSON text, `bytes` long); `kept_until` is when
 * the retention sweep may delete it (14 days after the request, then after the upload). At most
 * one request waits per terminal: a partial unique index, so asking twice is one request. The
 * sweep goes by `kept_until` (its index), the console and the heartbeat by terminal.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kiosk_diagnostics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('kiosk_terminals.id'))
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint')
    .addColumn('kept_until', 'bigint', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('bundle', 'text')
    .addColumn('bytes', 'integer')
    .execute();
  await db.schema
    .createIndex('kiosk_diagnostics_pending')
    .unique()
    .on('kiosk_diagnostics')
    .column('terminal_id')
    .where(sql.ref('uploaded_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('kiosk_diagnostics_terminal')
    .on('kiosk_diagnostics')
    .columns(['terminal_id', 'uploaded_at'])
    .execute();
  await db.schema.createIndex('kiosk_diagnostics_kept_until').on('kiosk_diagnostics').column('kept_until').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kiosk_diagnostics').execute();
}
