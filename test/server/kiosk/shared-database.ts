import { buildApp } from '../../../src-server/app.js';
import { createAttestationVerifier } from '../../../src-server/app-features.js';
import type { TestClock } from '../../../src-server/clock.js';
import { loadConfig } from '../../../src-server/config.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrate.js';

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
