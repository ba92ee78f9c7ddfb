import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { kioskVersionKey } from '../../../src-shared/kiosk-version.js';

/**
 * Issue 22, R-FLEET-1 and R-FLEET-2:
 * - `kiosk_terminals.version_key`: the reported version as a text whose byte order is the semver
 *   order (src-shared/kiosk-version.ts), kept at each heartbeat; PostgreSQL compares it
 *   `COLLATE "C"` (bytes, whatever the database's locale). 端末一覧 sorts by it and /metrics
 *   counts the terminals below the minimum with it. Filled here for the rows there are, in short
 *   batches, with today's key: a later change to the key needs a refill of its own.
 * - `kiosk_terminals.alerted_silent`: what IT was last mailed of the terminal (1: 応答なし). The
 *   alert job (kiosk/fleet-alerts.service.ts) flips it with one guarded UPDATE per office and
 *   change, so two instances never mail one change twice; it finds the terminals whose state
 *   differs through the partial index `kiosk_terminals_alert` (its expression must stay the
 *   repository's, `fleet-alerts.repository.ts`).
 * - `service_settings`: settings IT changes from the console (最低バージョン), one row each.
 */
const FILL_BATCH = 1000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

async function fillVersionKeys(db: AnyDb): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await db
      .selectFrom('kiosk_terminals')
      .select(['id', 'version'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(FILL_BATCH)
      .execute()) as Array<{ id: string; version: string | null }>;
    for (const r of rows) {
      const key = r.version === null ? undefined : kioskVersionKey(r.version);
      if (key !== undefined)
        await db.updateTable('kiosk_terminals').set({ version_key: key }).where('id', '=', r.id).execute();
    }
    const last = rows.at(-1);
    if (!last) return;
    after = last.id;
  }
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('kiosk_terminals')
    .addColumn('version_key', isPostgres(db) ? sql`text collate "C"` : 'text')
    .execute();
  await db.schema
    .alterTable('kiosk_terminals')
    .addColumn('alerted_silent', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await fillVersionKeys(db);
  await db.schema.createIndex('kiosk_terminals_version_key').on('kiosk_terminals').column('version_key').execute();
  await sql`create index kiosk_terminals_alert on kiosk_terminals (alerted_silent, (coalesce(last_seen_at, enrolled_at)))
    where revoked_at is null`.execute(db);
  await db.schema
    .createTable('service_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('service_settings').execute();
  await db.schema.dropIndex('kiosk_terminals_alert').execute();
  await db.schema.dropIndex('kiosk_terminals_version_key').execute();
  await db.schema.alterTable('kiosk_terminals').dropColumn('alerted_silent').execute();
  await db.schema.alterTable('kiosk_terminals').dropColumn('version_key').execute();
}
