import type { MailedKeyPurpose } from '../accounts/accounts.table.js';
import type { Clock } from '../clock.js';
import { randomId, randomKey, safeEqual, sha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { countMailedKeyTry, insertMailedKey, supersedeMailedKeys } from './mailed-keys.repository.js';

/** Length of a mailed 認証キー (16 of 31 symbols ≈ 79 bits; few tries make guessing hopeless). */
const KEY_LENGTH = 16;

/** The key as mailed: groups of four, so a person can read it; the schema strips the hyphens. */
export function groupKey(key: string): string {
  return key.match(/.{1,4}/g)?.join('-') ?? key;
}

/**
 * Issues a mailed key inside the caller's transaction (the mail goes into the same one): older
 * live keys of the purpose die, only the SHA-256 is stored. Returns the key, grouped for the mail.
 */
export async function issueMailedKey(
  trx: Executor,
  clock: Clock,
  input: { accountId: string; purpose: MailedKeyPurpose; ttlMs: number; newLoginId?: string },
): Promise<string> {
  const now = clock.now().getTime();
  await supersedeMailedKeys(trx, input.accountId, input.purpose, now);
  const key = randomKey(KEY_LENGTH);
  await insertMailedKey(trx, {
    id: randomId(),
    account_id: input.accountId,
    purpose: input.purpose,
    key_hash: sha256(key),
    new_login_id: input.newLoginId ?? null,
    attempts: 0,
    created_at: now,
    expires_at: now + input.ttlMs,
    used_at: null,
  });
  return groupKey(key);
}

/**
 * The statements of `issueMailedKey` with no effect, for answers that must not be told apart by
 * their timing (an unknown ID, a taken address): on PostgreSQL each statement is a round trip.
 */
export async function issueNothing(trx: Executor, now: number): Promise<void> {
  await supersedeMailedKeys(trx, '', 'reset', now);
  await trx.selectFrom('mailed_keys').select('id').where('key_hash', '=', sha256(randomKey(KEY_LENGTH))).executeTakeFirst();
}

export type KeyCheck = { ok: true; keyId: string; newLoginId: string | null } | { ok: false };

/**
 * Checks a typed key (already normalised by the schema: no hyphens, upper case). The try is
 * counted first, atomically; a wrong, used, expired or exhausted key all answer `{ ok: false }`.
 */
export async function checkMailedKey(db: Executor, clock: Clock, accountId: string, purpose: MailedKeyPurpose, typed: string): Promise<KeyCheck> {
  const counted = await countMailedKeyTry(db, accountId, purpose, clock.now().getTime());
  const hash = sha256(typed);
  // Compare against every counted row (two racing requests may each have left a live key).
  const match = counted.find((row) => safeEqual(hash, row.key_hash));
  return match ? { ok: true, keyId: match.id, newLoginId: match.new_login_id } : { ok: false };
}
