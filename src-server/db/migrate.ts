import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './schema.js';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-kiosk-fleet.js';
import * as m0003 from './migrations/0003-nonce-expiry-index.js';
import * as m0005 from './migrations/0005-abuse-budgets.js';
import * as m0006 from './migrations/0006-outbox-delivery.js';

/**
 * Versioned migrations, listed in code (no file-system scan: works the same from tsx, a bundle or
 * a test). Add `'0002-<what>': m0002` below; names sort in the order they apply.
 */
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-kiosk-fleet': m0002,
  '0003-nonce-expiry-index': m0003,
  '0005-abuse-budgets': m0005,
  '0006-outbox-delivery': m0006,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations this code knows that the database has not applied (readiness: an instance newer than its database). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const infos = await new Migrator({ db, provider }).getMigrations();
  return infos.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
