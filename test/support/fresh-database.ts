import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabase } from './databases.js';
import { createPostgresDatabase, dropPostgresDatabase, postgresUrl } from './postgres.js';

export type FreshDatabase = {
  /** DATABASE_URL of the new, empty database (not migrated). */
  url: string;
  /** The PostgreSQL database's name (for faults made on it), undefined on SQLite. */
  pgName: string | undefined;
  /** Removes it: the SQLite file's folder, or the PostgreSQL database once its sessions have left. */
  drop: () => Promise<void>;
};

/**
 * The one fresh database of the tests and the bench: a temp SQLite file, or a PostgreSQL database
 * of its own at 127.0.0.1:5432, dropped with dropPostgresDatabase (which waits for the pool's last
 * session before it forces). Several programs may share it (the `mypage` command and an in-process
 * service, two instances).
 */
export async function freshDatabase(database: TestDatabase, tag = 'test'): Promise<FreshDatabase> {
  if (database === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `mypage-${tag}-`));
    return {
      url: `sqlite:${join(dir, 'mypage.sqlite')}`,
      pgName: undefined,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = await createPostgresDatabase();
  return { url: postgresUrl(name), pgName: name, drop: () => dropPostgresDatabase(name) };
}
