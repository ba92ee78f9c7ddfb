import { sql } from 'kysely';
import type { Executor } from '../db/schema.js';
import { silentSince } from './silence.js';

/**
 * R-FLEET-2's queries. `seen` is the expression of the partial index `kiosk_terminals_alert`
 * (migration 0017: (alerted_silent, coalesce(last_seen_at, enrolled_at)) where revoked_at is null),
 * written unqualified and exactly as there, so both databases read the changes through it: two
 * range scans, however large the fleet.
 */
const seen = sql<number>`coalesce(last_seen_at, enrolled_at)`;

export interface AlertCandidate {
  id: string;
  office_id: string;
  /** What IT was last told: 1 応答なし; the terminal is now the other way. */
  alerted_silent: number;
}

/**
 * Live terminals whose state differs from what IT was last mailed: gone silent (no heartbeat since
 * `silentSince` or before) and not told, or told and heard from since. At most `limit` of each.
 */
export async function alertCandidates(db: Executor, silentSince: number, limit: number): Promise<AlertCandidate[]> {
  const wentSilent = await db
    .selectFrom('kiosk_terminals')
    .select(['id', 'office_id', 'alerted_silent'])
    .where('revoked_at', 'is', null)
    .where('alerted_silent', '=', 0)
    .where(seen, '<=', silentSince)
    .limit(limit)
    .execute();
  const cameBack = await db
    .selectFrom('kiosk_terminals')
    .select(['id', 'office_id', 'alerted_silent'])
    .where('revoked_at', 'is', null)
    .where('alerted_silent', '=', 1)
    .where(seen, '>', silentSince)
    .limit(limit)
    .execute();
  return [...wentSilent, ...cameBack];
}

/**
 * Claims one office's changes in one guarded UPDATE per direction: only rows still as they were
 * (told `from`, now the other way) flip, and only the statement that flips them gets them back —
 * a second instance running at the same moment gets none (PostgreSQL re-checks the WHERE of a row
 * it waited for; SQLite has one writer), so each change is mailed once.
 */
export async function claimAlertChanges(
  trx: Executor,
  input: { ids: string[]; from: 0 | 1; silentSince: number },
): Promise<Array<{ id: string; label: string }>> {
  if (!input.ids.length) return [];
  return trx
    .updateTable('kiosk_terminals')
    .set({ alerted_silent: input.from === 0 ? 1 : 0 })
    .where('id', 'in', input.ids)
    .where('revoked_at', 'is', null)
    .where('alerted_silent', '=', input.from)
    .where(seen, input.from === 0 ? '<=' : '>', input.silentSince)
    .returning(['id', 'label'])
    .execute();
}

/** An office's name (the mail names it). */
export async function officeNameOf(db: Executor, officeId: string): Promise<string> {
  const row = await db.selectFrom('offices').select('name').where('id', '=', officeId).executeTakeFirst();
  return row?.name ?? officeId;
}

export type FleetStateCounts = Record<'active' | 'silent' | 'revoked' | 'update_required', number>;

/**
 * /metrics' `mypage_kiosk_terminals`: terminals per state, in one grouped count (one statement
 * over a table of thousands; no per-terminal label). A terminal is counted once: revoked, else
 * silent (応答なし), else update_required (its version below `minimumKey`, or not semver), else active.
 */
export async function countTerminalStates(
  db: Executor,
  now: number,
  minimumKey: string | null,
): Promise<FleetStateCounts> {
  const outdated =
    minimumKey === null ? sql`` : sql`when version_key is null or version_key < ${minimumKey} then 'update_required'`;
  const r = await sql<{ state: keyof FleetStateCounts; n: number }>`
    select state, count(*) as n from (
      select case when revoked_at is not null then 'revoked'
        when coalesce(last_seen_at, enrolled_at) <= ${silentSince(now)} then 'silent'
        ${outdated}
        else 'active' end as state
      from kiosk_terminals) s
    group by state`.execute(db);
  const counts: FleetStateCounts = { active: 0, silent: 0, revoked: 0, update_required: 0 };
  for (const row of r.rows) counts[row.state] = Number(row.n);
  return counts;
}
