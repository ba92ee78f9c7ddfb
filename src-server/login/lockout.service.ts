import type { Clock } from '../clock.js';
import type { Executor } from '../db/schema.js';
import { deleteAllLoginFailures, listLoginFailures } from './login-failures.repository.js';

export function retryAfterSeconds(lockedUntil: number, now: number): number {
  return Math.max(1, Math.ceil((lockedUntil - now) / 1000));
}

/**
 * Lifts every lock of an ID (R-LOGIN-6: all its sources) and forgets its failures. A completed
 * password reset or re-registration calls it (the recovery feature), so an attacker who locks
 * someone out cannot keep them out; and the CLI's `unlock`. `loginId` is the normalised ID. (The
 * right password forgets only its own source's failures: see password-attempt.ts.)
 */
export async function clearLockout(trx: Executor, loginId: string): Promise<void> {
  await deleteAllLoginFailures(trx, loginId);
}

/** Is this ID locked right now, from any source? `failures` sums every source's count. (CLI, tests) */
export async function lockState(
  db: Executor,
  clock: Clock,
  loginId: string,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const rows = await listLoginFailures(db, loginId);
  const now = clock.now().getTime();
  const failures = rows.reduce((sum, r) => sum + r.failures, 0);
  const live = rows.map((r) => r.locked_until ?? 0).filter((t) => t > now);
  return { failures, lockedUntil: live.length ? new Date(Math.max(...live)) : null };
}
