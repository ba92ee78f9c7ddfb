import type { Clock } from '../clock.js';
import type { Executor } from '../db/schema.js';
import { deleteLoginFailures, findLoginFailures, takePasswordTry } from './login-failures.repository.js';

export type PasswordTry = { allowed: true; locksNow: boolean } | { allowed: false; retryAfterSeconds: number };

/**
 * R-LOGIN-3: reserve a try before checking the password. `locksNow` is true for the fifth try:
 * if that password is wrong too, the account is locked (and its owner told).
 */
export async function reservePasswordTry(db: Executor, clock: Clock, loginId: string): Promise<PasswordTry> {
  const now = clock.now().getTime();
  const taken = await takePasswordTry(db, loginId, now);
  if (taken) return { allowed: true, locksNow: taken.lockedUntil !== null };
  const row = await findLoginFailures(db, loginId);
  return { allowed: false, retryAfterSeconds: retryAfterSeconds(row?.locked_until ?? now, now) };
}

export function retryAfterSeconds(lockedUntil: number, now: number): number {
  return Math.max(1, Math.ceil((lockedUntil - now) / 1000));
}

/**
 * Lifts the lock of an ID and forgets its failures. The correct password calls it; so does a
 * completed password reset (the recovery feature), so an attacker who locks someone out cannot
 * keep them out; and the CLI's `unlock`. `loginId` is the normalised ID.
 */
export async function clearLockout(trx: Executor, loginId: string): Promise<void> {
  await deleteLoginFailures(trx, loginId);
}

/** Is this ID locked right now? (CLI, tests) */
export async function lockState(db: Executor, clock: Clock, loginId: string): Promise<{ failures: number; lockedUntil: Date | null }> {
  const row = await findLoginFailures(db, loginId);
  const now = clock.now().getTime();
  if (!row) return { failures: 0, lockedUntil: null };
  const locked = row.locked_until !== null && row.locked_until > now;
  return { failures: row.failures, lockedUntil: locked && row.locked_until !== null ? new Date(row.locked_until) : null };
}
