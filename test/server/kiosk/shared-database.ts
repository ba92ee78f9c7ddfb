import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../../../src-server/app.js';
import { createAttestationVerifier } from '../../../src-server/app-features.js';
import type { TestClock } from '../../../src-server/clock.js';
import { loadConfig } from '../../../src-server/config.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrate.js';
import { PG_ADMIN_URL, type TestDatabase } from '../../support/databases.js';

/**
 * A database of its own that several programs share: the spawned `mypage` command and an
 * in-process service (cli-fleet), or two services with their own connection pools (shared-postgres).
 */
export async function freshDatabase(database: TestDatabase): Promise<{ url: string; drop: () => Promise<void> }> {
  if (database === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'mypage-shared-'));
    return { url: `sqlite:${join(dir, 'shared.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `mypage_shared_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/** One service instance on `url` with its own connection pool, mail left in the outbox. */
export async function serviceOn(url: string, clock: TestClock) {
  const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
  const { db, dialect } = openDatabase(config.databaseUrl);
  await migrateToLatest(db);
  const app = await buildApp({ config, db, dialect, clock, attestationVerifier: createAttestationVerifier(clock) });
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}
