// What tests read back of the database to check an outcome, beside the answer.
import { sha256 } from '../../src-server/crypto/tokens.js';
import type { Db } from '../../src-server/db/schema.js';

/** The sessions of an account that have not been revoked (whether or not they have expired). */
export function liveSessions(db: Db, accountId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'kind'])
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The wrong OTPs counted on these challenges (given as the tokens the login answered), all together. */
export async function otpTriesCounted(db: Db, challenges: Array<{ challenge: string }>): Promise<number> {
  const rows = await db
    .selectFrom('login_challenges')
    .select('attempts')
    .where(
      'id',
      'in',
      challenges.map((c) => sha256(c.challenge)),
    )
    .execute();
  return rows.reduce((n, r) => n + r.attempts, 0);
}
