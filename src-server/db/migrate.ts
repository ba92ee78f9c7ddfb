import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './schema.js';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-kiosk-fleet.js';
import * as m0003 from './migrations/0003-nonce-expiry-index.js';
import * as m0004 from './migrations/0004-password-sources.js';
import * as m0005 from './migrations/0005-abuse-budgets.js';
import * as m0006 from './migrations/0006-outbox-delivery.js';
import * as m0007 from './migrations/0007-retention-indexes.js';
import * as m0008 from './migrations/0008-staff.js';
import * as m0009 from './migrations/0009-staff-desk-indexes.js';
import * as m0010 from './migrations/0010-retention-batch-indexes.js';
import * as m0011 from './migrations/0011-search-and-fleet-volume.js';
import * as m0013 from './migrations/0013-mailed-keys-login-id.js';
import * as m0016 from './migrations/0016-audit-kind-indexes.js';
import * as m0017 from './migrations/0017-kiosk-fleet-versions.js';
import * as m0018 from './migrations/0018-kiosk-diagnostics.js';

/**
 * Versioned migrations, listed in code (no file-system scan: works the same from tsx, a bundle or
 * a test). Add `'0002-<what>': m0002` below; names sort in the order they apply.
 */
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-kiosk-fleet': m0002,
  '0003-nonce-expiry-index': m0003,
  '0004-password-sources': m0004,
  '0005-abuse-budgets': m0005,
  '0006-outbox-delivery': m0006,
  '0007-retention-indexes': m0007,
  '0008-staff': m0008,
  '0009-staff-desk-indexes': m0009,
  '0010-retention-batch-indexes': m0010,
  '0011-search-and-fleet-volume': m0011,
  '0013-mailed-keys-login-id': m0013,
  '0016-audit-kind-indexes': m0016,
  '0017-kiosk-fleet-versions': m0017,
  '0018-kiosk-diagnostics': m0018,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Applies what this code knows and the database lacks. A database that a newer release has
 * already migrated (a rolling update: docs/deploy.md migrates first, then replaces the instances
 * one by one) is left as it is: its migrations keep the schema usable by the release before, and
 * Kysely would refuse it anyway ("corrupted migrations: previously executed migration … is
 * missing"), so an older instance that restarts mid-roll would never start again.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  if ((await newerMigrations(db)).length) return [];
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations the database has applied that this code does not know (a newer release ran them). */
export async function newerMigrations(db: Db): Promise<string[]> {
  const known = new Set(Object.keys(migrations));
  // A fresh database has no migration table yet: nothing newer. Kysely's own table and columns.
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db).then(
    (r) => r.rows.map((row) => row.name),
    () => [],
  );
  return applied.filter((name) => !known.has(name));
}

/** Migrations this code knows that the database has not applied (readiness: an instance newer than its database). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const infos = await new Migrator({ db, provider }).getMigrations();
  return infos.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
