import { openDatabase } from '../../db/database.js';
import { migrateToLatest, newerMigrations } from '../../db/migrate.js';
import { loadConfig } from '../../config.js';
import type { CliCommand } from '../command.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: '',
  summary: 'applies pending migrations',
  options: {},
  async run(_values, io) {
    const { db } = openDatabase(loadConfig(io.env).databaseUrl);
    try {
      const newer = await newerMigrations(db);
      if (newer.length)
        return io.out(
          `the database is newer than this release (applied by a newer one: ${newer.join(', ')}); nothing to do`,
        );
      const applied = await migrateToLatest(db);
      io.out(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
    } finally {
      await db.destroy();
    }
  },
};
