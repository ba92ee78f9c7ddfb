import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest, newerMigrations } from '../../../src-server/db/migrate.js';
import type { Db } from '../../../src-server/db/schema.js';
import { describeEachDatabase } from '../../support/databases.js';
import { runMypage } from '../../support/spawn-cli.js';
import { freshDatabase } from '../../support/fresh-database.js';

// A rolling update (docs/deploy.md) migrates first, then replaces the instances one by one: an
// instance of the older release that starts in between meets a database migrated by the newer one.
describeEachDatabase('a database a newer release has migrated (rolling update)', (database) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  async function migratedByNewerRelease(): Promise<{ db: Db; url: string }> {
    const fresh = await freshDatabase(database);
    const { db } = openDatabase(fresh.url);
    cleanup = async () => {
      await db.destroy();
      await fresh.drop();
    };
    await migrateToLatest(db);
    await sql`insert into kysely_migration (name, timestamp) values ('9999-next-release', ${new Date().toISOString()})`.execute(
      db,
    );
    return { db, url: fresh.url };
  }

  it('an older release starts on it and leaves it as it is; `mypage migrate` says why it does nothing', async () => {
    const { db, url } = await migratedByNewerRelease();
    expect(await newerMigrations(db)).toEqual(['9999-next-release']);
    expect(await migrateToLatest(db)).toEqual([]);

    const migrate = await runMypage(['migrate'], { DATABASE_URL: url });
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('the database is newer than this release');
    // Any command opens and migrates the database first (withDatabase): it runs too.
    const kiosks = await runMypage(['kiosks'], { DATABASE_URL: url });
    expect(kiosks.code, kiosks.stderr).toBe(0);
  });

  it('a fresh database has nothing newer and is migrated as before', async () => {
    const fresh = await freshDatabase(database);
    const { db } = openDatabase(fresh.url);
    cleanup = async () => {
      await db.destroy();
      await fresh.drop();
    };
    expect(await newerMigrations(db)).toEqual([]);
    expect((await migrateToLatest(db)).length).toBeGreaterThan(0);
    expect(await newerMigrations(db)).toEqual([]);
  });
});
