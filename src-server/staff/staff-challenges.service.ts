import type { Clock } from '../clock.js';
import { sha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { consumeStaffChallenge, insertStaffChallenge } from './staff-sessions.repository.js';
import type { StaffChallengePurpose } from './staff.table.js';

/** Keeps an options' challenge (SHA-256 only) for `ttlMs`, bound to its purpose and subject. */
export async function rememberChallenge(
  db: Executor,
  clock: Clock,
  input: { challenge: string; purpose: StaffChallengePurpose; subject: string; ttlMs: number },
): Promise<void> {
  const now = clock.now().getTime();
  await insertStaffChallenge(db, {
    challenge_hash: sha256(input.challenge),
    purpose: input.purpose,
    subject: input.subject,
    created_at: now,
    expires_at: now + input.ttlMs,
  });
}

/** Spends the challenge once: true for the first use within its time, false for a replay, another subject or a late one. */
export async function spendChallenge(
  db: Executor,
  clock: Clock,
  input: { challenge: string | undefined; purpose: StaffChallengePurpose; subject: string },
): Promise<boolean> {
  if (!input.challenge) return false;
  return (
    (await consumeStaffChallenge(db, sha256(input.challenge), input.purpose, input.subject, clock.now().getTime())) !==
    undefined
  );
}
