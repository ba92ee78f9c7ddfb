import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { R_OTP_2_MAX_ATTEMPTS } from '../../src-shared/rules.js';
import type { Executor } from '../db/schema.js';
import type { LoginChallengesTable } from './login.table.js';
import { deleteOldestBefore, type DeleteBatch } from '../db/batched-delete.js';

export type ChallengeRow = Selectable<LoginChallengesTable>;

export async function insertChallenge(db: Executor, row: ChallengeRow): Promise<void> {
  await db.insertInto('login_challenges').values(row).execute();
}

export function findChallenge(db: Executor, id: string): Promise<ChallengeRow | undefined> {
  return db.selectFrom('login_challenges').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A challenge with what the OTP step needs of its account, in one read: the account's ID (audit,
 * mail), status and last credential change (R-CRED-1). Read before the step's transaction: a change
 * that commits after this read has expired the challenge in its own transaction (R-CRED-1,
 * credentials-in-flight.ts), so the counted try under the row lock refuses it.
 */
export function findChallengeWithAccount(db: Executor, id: string) {
  return db
    .selectFrom('login_challenges')
    .innerJoin('accounts', 'accounts.id', 'login_challenges.account_id')
    .selectAll('login_challenges')
    .select(['accounts.login_id', 'accounts.status', 'accounts.password_changed_at'])
    .where('login_challenges.id', '=', id)
    .executeTakeFirst();
}

/**
 * R-OTP-2: counts one try in a single atomic UPDATE … RETURNING, before the code is compared.
 * Only a live challenge (not consumed, not expired, fewer than ten tries) is counted; parallel
 * tries, in one process or many, cannot pass ten.
 */
export function countOtpTry(db: Executor, id: string, now: number) {
  return db
    .updateTable('login_challenges')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', R_OTP_2_MAX_ATTEMPTS)
    .returning(['attempts', 'otp_hash', 'account_id', 'attestation_failed'])
    .executeTakeFirst();
}

/** R-OTP-1: single use. True for the one request that consumed it. */
export async function consumeChallenge(db: Executor, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('login_challenges')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * R-CRED-1: ends every pending challenge of an account (a credential changed). Row by row this
 * waits for an OTP step that holds one of them, so that step's session is already committed when
 * the caller's next statements (sessions, device trusts) run, and is ended with the rest.
 */
export async function expireChallengesOfAccount(db: Executor, accountId: string, now: number): Promise<number> {
  const r = await db
    .updateTable('login_challenges')
    .set({ expires_at: now })
    .where('account_id', '=', accountId)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Retention: challenges that expired before `before` (their OTP can no longer be used). */
export function deleteChallengesExpiredBefore(db: Executor, before: number, batch: DeleteBatch): Promise<number> {
  return deleteOldestBefore(db, 'login_challenges', 'expires_at', before, batch);
}
