import { STAFF_SIGN_IN_ATTEMPTS_MAX, STAFF_SIGN_IN_WINDOW_MS } from '../../src-shared/staff-api/auth.js';
import { holdBudgetOf, isSpent, secondsUntilFree, spendBudget, type BudgetSpec } from '../budgets/budget.service.js';
import { dropBudgetEvents } from '../budgets/budgets.repository.js';
import type { Clock } from '../clock.js';
import { hmacSha256, randomToken, safeEqual } from '../crypto/tokens.js';
import type { Db, Executor } from '../db/schema.js';
import { staffSecret } from './staff.repository.js';

/**
 * Sign-in attempts per staff ID (issue 20), beside the per-address limit of every public route,
 * and counted apart by source like R-LOGIN-6: a browser that signed in as this staff ID before
 * (it holds a marker the service signed for that ID) has a count of its own, and everywhere else
 * shares one. So a stranger who spends "anywhere" for a clerk's ID cannot keep the clerk out of
 * the counter's browser. The count is a budget (budgets/): an attempt is RESERVED before the
 * passkey is checked, under the budget's row lock, so parallel attempts never pass the limit; a
 * sign-in that succeeds forgets its source's attempts.
 */
const KIND = 'staff_sign_in';
const spec: BudgetSpec<typeof KIND> = {
  scope: KIND,
  windowMs: STAFF_SIGN_IN_WINDOW_MS,
  limits: { [KIND]: STAFF_SIGN_IN_ATTEMPTS_MAX },
};

/** The key of known-browser markers, derived from the service's own decoy key (one secret fewer to keep). */
async function markerKey(db: Executor): Promise<string> {
  return hmacSha256(await staffSecret(db, 'decoy_credentials'), 'staff-known-browser');
}

/** A new marker for a browser that just signed in as `staffId`: a random id and the service's HMAC over both. */
export async function newKnownBrowserMarker(db: Executor, staffId: string): Promise<string> {
  const id = randomToken(16);
  return `${id}.${hmacSha256(await markerKey(db), `${staffId}|${id}`)}`;
}

/** The budget subject of an attempt: the marked browser's own when the marker is the service's for this ID, else "anywhere". */
export async function signInSource(db: Executor, staffId: string, marker: string | undefined): Promise<string> {
  const [id, mac] = marker?.split('.') ?? [];
  const valid = id && mac && safeEqual(mac, hmacSha256(await markerKey(db), `${staffId}|${id}`));
  return `staff:${staffId}|${valid ? `browser:${id}` : 'anywhere'}`;
}

export type Reservation = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Reserves one attempt of `subject` in ONE short transaction (hold, count, add): refused when the window is full. */
export async function reserveSignInAttempt(db: Db, clock: Clock, subject: string): Promise<Reservation> {
  return db.transaction().execute(async (trx): Promise<Reservation> => {
    const held = await holdBudgetOf(trx, spec, subject, clock.now().getTime());
    if (isSpent(held, KIND)) return { ok: false, retryAfterSeconds: secondsUntilFree(held, [KIND]) };
    await spendBudget(trx, held, KIND);
    return { ok: true };
  });
}

/** A sign-in succeeded from `subject`: its attempts are forgotten (in the session's transaction). */
export async function forgetSignInAttempts(trx: Executor, subject: string): Promise<void> {
  await dropBudgetEvents(trx, subject, [KIND]);
}
