import type { Selectable } from 'kysely';
import type { Executor } from '../db/schema.js';
import type { StaffChallengePurpose, StaffChallengesTable, StaffSessionsTable } from './staff.table.js';
import { deleteOldestBefore, deleteOldestBeforeEither, type DeleteBatch } from '../db/batched-delete.js';

export type StaffSessionRow = Selectable<StaffSessionsTable>;

export async function insertStaffSession(db: Executor, row: StaffSessionRow): Promise<void> {
  await db.insertInto('staff_sessions').values(row).execute();
}

export function findStaffSessionByTokenHash(db: Executor, tokenHash: string): Promise<StaffSessionRow | undefined> {
  return db.selectFrom('staff_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchStaffSession(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('staff_sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export function revokeStaffSessionByTokenHash(db: Executor, tokenHash: string, now: number) {
  return db
    .updateTable('staff_sessions')
    .set({ revoked_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .returning(['id', 'staff_member_id'])
    .executeTakeFirst();
}

/** Ends every live session of a staff member (offboarding); how many. */
export async function revokeStaffSessionsOf(db: Executor, staffMemberId: string, now: number): Promise<number> {
  const r = await db
    .updateTable('staff_sessions')
    .set({ revoked_at: now })
    .where('staff_member_id', '=', staffMemberId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertStaffChallenge(db: Executor, row: Selectable<StaffChallengesTable>): Promise<void> {
  await db.insertInto('staff_challenges').values(row).execute();
}

/** Takes a live challenge in ONE statement (`DELETE … RETURNING`): a replay, or the loser of a race, gets nothing. */
export function consumeStaffChallenge(
  db: Executor,
  challengeHash: string,
  purpose: StaffChallengePurpose,
  subject: string,
  now: number,
) {
  return db
    .deleteFrom('staff_challenges')
    .where('challenge_hash', '=', challengeHash)
    .where('purpose', '=', purpose)
    .where('subject', '=', subject)
    .where('expires_at', '>', now)
    .returning('challenge_hash')
    .executeTakeFirst();
}

/** Retention: challenges that expired before `before`. */
export function deleteStaffChallengesExpiredBefore(db: Executor, before: number, batch: DeleteBatch): Promise<number> {
  return deleteOldestBefore(db, 'staff_challenges', 'expires_at', before, batch);
}

/** Retention: staff sessions that expired, or were revoked, before `before`. */
export function deleteStaffSessionsEndedBefore(db: Executor, before: number, batch: DeleteBatch): Promise<number> {
  return deleteOldestBeforeEither(db, 'staff_sessions', ['expires_at', 'revoked_at'], before, batch);
}
