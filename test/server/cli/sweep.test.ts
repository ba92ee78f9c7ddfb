import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrate.js';
import type { Db } from '../../../src-server/db/schema.js';
import { describeEachDatabase } from '../../support/databases.js';
import { freshDatabase } from '../../support/fresh-database.js';
import { runMypage } from '../../support/spawn-cli.js';

const NOW = Date.parse('2026-05-01T09:00:00.000Z');
const DAY = 24 * 60 * 60_000;

// Spawns the real command (bin/mypage.js through tsx): a few seconds per run on a busy machine.
describeEachDatabase(
  'mypage sweep (the retention sweep, run now; the volume bench clears its backlog with it)',
  (database) => {
    let drop: () => Promise<void>;
    let db: Db;
    let env: Record<string, string>;
    beforeAll(async () => {
      const fresh = await freshDatabase(database);
      drop = fresh.drop;
      db = openDatabase(fresh.url).db;
      await migrateToLatest(db);
      env = { DATABASE_URL: fresh.url, MYPAGE_CLOCK_START: new Date(NOW).toISOString(), AUDIT_RETENTION_DAYS: '30' };
    }, 60_000);
    afterAll(async () => {
      await db?.destroy();
      await drop?.();
    });

    const audit = (id: string, at: number) => ({ id, at, type: 'login.succeeded', detail: '{}' });
    const ids = async () => (await db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) => r.id);

    it(
      'deletes exactly the audit rows older than AUDIT_RETENTION_DAYS, says how many, and then finds nothing',
      { timeout: 120_000 },
      async () => {
        await db
          .insertInto('audit_events')
          .values([
            audit('old-1', NOW - 31 * DAY),
            audit('old-2', NOW - 400 * DAY),
            audit('kept-1', NOW - 29 * DAY),
            audit('kept-2', NOW - 1),
          ])
          .execute();
        const first = await runMypage(['sweep'], env);
        expect(first.stderr).toBe('');
        expect(first.code).toBe(0);
        expect(first.stdout).toMatch(/swept in [0-9.]+ s( \([0-9]+ batches\))?: .*audit_events 2/);
        expect(await ids()).toEqual(['kept-1', 'kept-2']);
        const again = await runMypage(['sweep'], env);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain('nothing had expired');
        expect(await ids()).toEqual(['kept-1', 'kept-2']);
      },
    );
  },
);
