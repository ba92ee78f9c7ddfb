import type { ChildProcess } from 'node:child_process';
import { openDatabase } from '../../src-server/db/database.js';
import { migrateToLatest } from '../../src-server/db/migrate.js';
import type { Db } from '../../src-server/db/schema.js';
import { freshDatabase } from './fresh-database.js';
import { startMypageServe } from './spawn-cli.js';

export interface TwoServes {
  /** The shared database, for arranging and reading rows. */
  db: Db;
  urls: string[];
  close(): Promise<void>;
}

/**
 * Two real `mypage serve` processes on one fresh PostgreSQL database (the concurrency tests'
 * "across two processes"). Migrated before they start, so they do not race to migrate; rate
 * limits off, because every parallel request comes from one IP on purpose.
 */
export async function startTwoServes(env: Record<string, string> = {}): Promise<TwoServes> {
  const fresh = await freshDatabase('postgres');
  const { db } = openDatabase(fresh.url);
  await migrateToLatest(db);
  const full = { DATABASE_URL: fresh.url, RATE_LIMIT_PER_MINUTE: '0', ...env };
  const started = await Promise.all([startMypageServe(full), startMypageServe(full)]);
  const children: ChildProcess[] = started.map((s) => s.child);
  return {
    db,
    urls: started.map((s) => s.url),
    async close() {
      await Promise.all(
        children.map(
          (c) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM')))),
        ),
      );
      await db.destroy();
      await fresh.drop();
    },
  };
}
