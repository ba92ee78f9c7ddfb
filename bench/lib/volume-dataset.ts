import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Db } from '../../test/support/volume-service.js';
import { PG_ADMIN_URL } from '../../test/support/databases.js';
import { freshDatabase } from '../../test/support/fresh-database.js';
import { dropPostgresDatabase, postgresUrl } from '../../test/support/postgres.js';
import { hashPassword } from '../../test/support/seed.js';
import { PASSWORD } from '../../test/support/passwords.js';
import { fillTable, withoutSecondaryIndexes, type Dialect, type FillContext, type VolumeSizes } from './volume-sql.js';
import { accountsFill } from './volume-table-accounts.js';
import { auditFill, forgedAttestationsFill } from './volume-table-audit.js';
import { knownBrowsersFill } from './volume-table-browsers.js';
import { budgetEventsFill, challengesFill, sessionsFill } from './volume-table-day.js';
import { officesFill } from './volume-table-offices.js';
import { sourceFailuresFill, sourceFailureTotalsFill } from './volume-table-failures.js';
import { terminalsFill } from './volume-table-terminals.js';
import { deviceTrustsFill } from './volume-table-trusts.js';

/** In the order they fill (references first). */
export const FILLS = [
  officesFill,
  accountsFill,
  terminalsFill,
  auditFill,
  forgedAttestationsFill,
  sourceFailuresFill,
  sourceFailureTotalsFill,
  knownBrowsersFill,
  deviceTrustsFill,
  challengesFill,
  sessionsFill,
  budgetEventsFill,
];

/** The bench's own connections build and fill for minutes: no 5-second statement limit (the service's). */
const BENCH_TIMEOUTS = { connectMs: 30_000, statementMs: 6 * 3_600_000, idleMs: 30_000 };
export const openBenchSide = (url: string) => openDatabase(url, { timeouts: BENCH_TIMEOUTS }).db;

const ROOT = join(import.meta.dirname, '..', '..');
const MIGRATIONS = join(ROOT, 'src-server', 'db', 'migrations');

/**
 * What the set depends on: the migrations' names (a new migration rebuilds it), the generator's
 * own sources, and the sizes. Short, so it fits in a database name.
 */
export function datasetKey(sizes: VolumeSizes): string {
  const h = createHash('sha256');
  h.update(readdirSync(MIGRATIONS).sort().join('\n'));
  for (const f of readdirSync(import.meta.dirname)
    .filter((n) => /^volume-(sql|table-.*)\.ts$/.test(n))
    .sort())
    h.update(readFileSync(join(import.meta.dirname, f)));
  h.update(JSON.stringify(sizes));
  return h.digest('hex').slice(0, 12);
}

export interface DatasetMeta {
  builtAt: number;
  buildSeconds: number;
  sizes: VolumeSizes;
}

/** Migrates `db` with the real migrations, then fills every table in SQL; records how in `bench_volume_meta`. */
export async function buildDataset(
  db: Db,
  d: Dialect,
  sizes: VolumeSizes,
  say: (m: string) => void = () => undefined,
): Promise<DatasetMeta> {
  const started = performance.now();
  await migrateToLatest(db);
  const c: FillContext = { d, now: Date.now(), sizes, passwordHash: await hashPassword(PASSWORD) };
  // Each table's secondary indexes are dropped once, while all of its fills run, and made again after.
  for (const table of [...new Set(FILLS.map((f) => f.table))]) {
    const t0 = performance.now();
    const n = await withoutSecondaryIndexes(db, d, table, async () => {
      let rows = 0;
      for (const fill of FILLS.filter((f) => f.table === table)) rows += await fillTable(db, c, fill);
      return rows;
    });
    say(`  ${table}: ${n} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  await sql.raw(d === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db);
  const meta: DatasetMeta = { builtAt: c.now, buildSeconds: (performance.now() - started) / 1000, sizes };
  await sql`create table bench_volume_meta (value text not null)`.execute(db);
  await sql`insert into bench_volume_meta (value) values (${JSON.stringify(meta)})`.execute(db);
  return meta;
}

export async function readMeta(db: Db): Promise<DatasetMeta> {
  const r = await sql<{ value: string }>`select value from bench_volume_meta`.execute(db);
  return JSON.parse(r.rows[0]?.value ?? 'null') as DatasetMeta;
}

export interface VolumeDatabase {
  url: string;
  db: Db;
  meta: DatasetMeta;
  /** Whether this run built the cached set (false: reused). */
  built: boolean;
  drop(): Promise<void>;
}

/** A database of its own holding the set of `sizes`: a copy of the cached one (built first if missing). */
export async function openVolumeDatabase(
  d: Dialect,
  sizes: VolumeSizes,
  opts: { cache: boolean; say?: (m: string) => void },
): Promise<VolumeDatabase> {
  if (!opts.cache) {
    const fresh = await freshDatabase(d, 'volume');
    const db = openBenchSide(fresh.url);
    const meta = await buildDataset(db, d, sizes, opts.say);
    return { url: fresh.url, db, meta, built: true, drop: () => db.destroy().then(fresh.drop) };
  }
  return d === 'postgres' ? fromTemplate(sizes, opts.say) : fromFile(sizes, opts.say);
}

/**
 * Whether PostgreSQL answers, asked again with a longer wait: the harness's probe (2 s, made while
 * the bench's modules load) gives up on a box this loaded, and the volume phase is long to skip.
 */
export async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 20_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgAdmin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

/** PostgreSQL: a template database `mypage_bench_volume_tpl_<accounts>_<key>`, built once; each run creates a database from it. */
async function fromTemplate(sizes: VolumeSizes, say?: (m: string) => void): Promise<VolumeDatabase> {
  const key = datasetKey(sizes);
  const family = `mypage_bench_volume_tpl_${sizes.accounts}_`;
  const tpl = `${family}${key}`;
  const exists = await pgAdmin(
    async (c) => (await c.query('select 1 from pg_database where datname = $1', [tpl])).rowCount,
  );
  let built = false;
  if (!exists) {
    // Built under another name and renamed when complete: an interrupted build is never reused.
    const building = `mypage_bench_volume_build_${key}`;
    await dropPostgresDatabase(building);
    await pgAdmin((c) => c.query(`create database "${building}"`));
    const db = openBenchSide(postgresUrl(building));
    try {
      say?.(`volume: building the PostgreSQL set ${tpl} (once; later runs reuse it)`);
      await buildDataset(db, 'postgres', sizes, say);
    } finally {
      await db.destroy();
    }
    await pgAdmin(async (c) => {
      // pg's pool.end() resolves before its sessions have left; a rename needs none left.
      for (let i = 0; i < 100; i++) {
        const r = await c.query('select 1 from pg_stat_activity where datname = $1', [building]);
        if (!r.rowCount) break;
        await new Promise((ok) => setTimeout(ok, 100));
      }
      await c.query(`alter database "${building}" rename to "${tpl}"`);
    });
    built = true;
    // Sets of the same size made before a migration or a generator change: never used again.
    await pgAdmin(async (c) => {
      const old = await c.query<{ datname: string }>(
        'select datname from pg_database where datname like $1 and datname <> $2',
        [`${family}%`, tpl],
      );
      for (const r of old.rows) await c.query(`drop database if exists "${r.datname}" with (force)`);
    });
  }
  const name = `mypage_bench_volume_run_${process.pid}_${Date.now().toString(36)}`;
  await pgAdmin((c) => c.query(`create database "${name}" template "${tpl}"`));
  const url = postgresUrl(name);
  const db = openBenchSide(url);
  return { url, db, meta: await readMeta(db), built, drop: () => db.destroy().then(() => dropPostgresDatabase(name)) };
}

/** SQLite: a file `data/bench/volume-<accounts>-<key>.sqlite`, built once; each run copies it. */
async function fromFile(sizes: VolumeSizes, say?: (m: string) => void): Promise<VolumeDatabase> {
  const dir = join(ROOT, 'data', 'bench');
  mkdirSync(dir, { recursive: true });
  const family = `volume-${sizes.accounts}-`;
  const cached = join(dir, `${family}${datasetKey(sizes)}.sqlite`);
  let built = false;
  if (!existsSync(cached)) {
    const building = `${cached}.building`;
    rmSync(building, { force: true });
    const db = openBenchSide(`sqlite:${building}`);
    try {
      say?.(`volume: building the SQLite set ${cached} (once; later runs reuse it)`);
      await buildDataset(db, 'sqlite', sizes, say);
      await sql`pragma wal_checkpoint(truncate)`.execute(db);
    } finally {
      await db.destroy();
    }
    renameSync(building, cached);
    built = true;
    for (const f of readdirSync(dir).filter((n) => n.startsWith(family) && join(dir, n) !== cached))
      rmSync(join(dir, f), { force: true });
  }
  const run = await freshDatabase('sqlite', 'volume');
  copyFileSync(cached, run.url.slice('sqlite:'.length));
  const db = openBenchSide(run.url);
  return { url: run.url, db, meta: await readMeta(db), built, drop: () => db.destroy().then(run.drop) };
}
