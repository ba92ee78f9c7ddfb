import { sql, type RawBuilder } from 'kysely';
import type { KioskSortColumn } from '../../src-shared/staff-api/actions.js';
import type { Executor } from '../db/schema.js';
import { ALL_SOURCES } from '../kiosk/attestation-failures.repository.js';

/**
 * 端末一覧 at fleet size (issue 18): one page of terminals sorted and filtered in SQL, with each
 * one's attestation failures summed from `terminal_failures` (≤ 24 hourly buckets each, primary key)
 * — never parsed from audit JSON. The fleet is bounded (thousands), so pages are limit/offset over
 * one indexed sort; a key to resume from would not help while states and counts move with the clock.
 */
export interface FleetPageInput {
  office: string | null;
  sort: KioskSortColumn;
  direction: 'ascending' | 'descending';
  offset: number;
  limit: number;
  /** A heartbeat (or enrollment) at or before this is 応答なし. */
  silentSince: number;
  /** The first hourly bucket counted. */
  sinceHour: number;
}

/** 失効 0, 応答なし 1, 正常 2: worst first when sorting by state (as the console did). */
const stateRank = (silentSince: number) =>
  sql<number>`case when t.revoked_at is not null then 0 when coalesce(t.last_seen_at, t.enrolled_at) <= ${silentSince} then 1 else 2 end`;

function sortKey(column: KioskSortColumn, silentSince: number): { value: RawBuilder<unknown>; nullable: boolean } {
  switch (column) {
    case 'office':
      return { value: sql`o.name`, nullable: false };
    case 'label':
      return { value: sql`t.label`, nullable: false };
    case 'version': // semver's order (R-FLEET-1): the key migration 0017 keeps, byte-compared
      return { value: sql`t.version_key`, nullable: true };
    case 'enrolledAt':
      return { value: sql`t.enrolled_at`, nullable: false };
    case 'lastHeartbeatAt':
      return { value: sql`t.last_seen_at`, nullable: true };
    case 'lastPaintAt':
      return { value: sql`t.painted_at`, nullable: true };
    case 'attestationFailures24h':
      return { value: sql`coalesce(f.failures, 0)`, nullable: false };
    case 'state':
      return { value: stateRank(silentSince), nullable: false };
  }
}

export interface FleetRow {
  id: string;
  office: string;
  label: string;
  version: string | null;
  enrolled_at: number;
  last_seen_at: number | null;
  painted_at: number | null;
  revoked_at: number | null;
  failures: number;
  duplicate: number;
}

/** One page, in the asked order; ties by office, label, id (stable). Missing values last either way. */
export async function fleetPage(db: Executor, input: FleetPageInput): Promise<FleetRow[]> {
  const key = sortKey(input.sort, input.silentSince);
  const dir = sql.raw(input.direction === 'ascending' ? 'asc' : 'desc');
  const nullsLast = key.nullable ? sql`(${key.value} is null),` : sql``;
  const office = input.office === null ? sql`` : sql`where o.name = ${input.office}`;
  const r = await sql<FleetRow>`
    select t.id, o.name as office, t.label, t.version, t.enrolled_at, t.last_seen_at, t.painted_at, t.revoked_at,
      coalesce(f.failures, 0) as failures,
      case when t.revoked_at is null and exists (select 1 from kiosk_terminals d where d.machine_id_hash = t.machine_id_hash
        and d.id <> t.id and d.revoked_at is null) then 1 else 0 end as duplicate
    from kiosk_terminals t
    join offices o on o.id = t.office_id
    left join (select terminal_id, sum(failures) as failures from terminal_failures where hour >= ${input.sinceHour}
      group by terminal_id) f on f.terminal_id = t.id
    ${office}
    order by ${nullsLast} ${key.value} ${dir}, o.name, t.label, t.id
    limit ${input.limit} offset ${input.offset}`.execute(db);
  return r.rows.map((row) => ({ ...row, failures: Number(row.failures), duplicate: Number(row.duplicate) }));
}

/** How many terminals there are, and in the office filtered by (null: all). */
export async function fleetCounts(db: Executor, office: string | null): Promise<{ all: number; shown: number }> {
  const row = await db
    .selectFrom('kiosk_terminals as t')
    .innerJoin('offices as o', 'o.id', 't.office_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn
        .count<number>(
          eb
            .case()
            .when('o.name', '=', office ?? '')
            .then(1)
            .end(),
        )
        .as('shown'),
    ])
    .executeTakeFirstOrThrow();
  return { all: Number(row.all), shown: office === null ? Number(row.all) : Number(row.shown) };
}

/** The offices that have terminals (the filter's choices), sorted. */
export async function officesWithTerminals(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('offices')
    .select('name')
    .where((eb) => eb.exists(eb.selectFrom('kiosk_terminals').select('id').whereRef('office_id', '=', 'offices.id')))
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}

/**
 * 署名を確認できない試行 (issue 20): failures no terminal's key proves, per source address, in the
 * hourly buckets from `sinceHour` to `untilHour`. Bounded however many addresses send them: the
 * total is the hours' `*` rows; the busiest sources are chosen among each hour's top `limit`
 * (index (hour, failures), read from the top), then summed over the window by primary key.
 */
export async function unverifiedAttemptsBySource(
  db: Executor,
  input: { sinceHour: number; untilHour: number; limit: number },
) {
  const total = await db
    .selectFrom('attestation_source_failures')
    .select((eb) => eb.fn.sum<number>('failures').as('failures'))
    .where('source', '=', ALL_SOURCES)
    .where('hour', '>=', input.sinceHour)
    .executeTakeFirst();
  const candidates = new Set<string>();
  for (let hour = input.sinceHour; hour <= input.untilHour; hour++) {
    const top = await db
      .selectFrom('attestation_source_failures')
      .select('source')
      .where('hour', '=', hour)
      .where('source', '!=', ALL_SOURCES)
      .orderBy('failures', 'desc')
      .limit(input.limit)
      .execute();
    for (const r of top) candidates.add(r.source);
  }
  const sums = candidates.size
    ? await db
        .selectFrom('attestation_source_failures')
        .select(['source', (eb) => eb.fn.sum<number>('failures').as('failures')])
        .where('source', 'in', [...candidates])
        .where('hour', '>=', input.sinceHour)
        .groupBy('source')
        .execute()
    : [];
  const sources = sums
    .map((r) => ({ source: r.source, failures: Number(r.failures) }))
    .sort((a, b) => b.failures - a.failures || a.source.localeCompare(b.source))
    .slice(0, input.limit);
  return { total: Number(total?.failures ?? 0), sources };
}

/** Office names, sorted; `officeId` narrows to one. The decoy's office (migration 0005) is nobody's. */
export async function officeNames(db: Executor, officeId: string | null): Promise<string[]> {
  let q = db.selectFrom('offices').select('name').where('id', '!=', 'stand-in').orderBy('name');
  if (officeId !== null) q = q.where('id', '=', officeId);
  return (await q.execute()).map((r) => r.name);
}
