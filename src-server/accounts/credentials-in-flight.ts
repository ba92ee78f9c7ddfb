import { revokeSessionsOfAccount } from '../auth/sessions.repository.js';
import { dropBudgetEvents } from '../budgets/budgets.repository.js';
import type { Clock } from '../clock.js';
import type { Executor } from '../db/schema.js';
import { revokeAllDeviceTrusts } from '../device-trust/device-trust.repository.js';
import { expireChallengesOfAccount } from '../login/challenges.repository.js';
import { OTP_BUDGET_KINDS } from '../login/otp-budget.service.js';
import { expireMailedKeysOfAccount } from '../recovery/mailed-keys.repository.js';

/**
 * R-CRED-1 (with R-OTP-4, R-PW-5): a password change, a password reset, an ID change and a
 * withdrawal end everything in flight for the account, inside the caller's transaction (the one
 * that makes the change): pending OTP challenges first (see expireChallengesOfAccount: an OTP step
 * racing this one has then committed its session and trust, which the next statements end), mailed
 * keys of every purpose, sessions (web and kiosk; `keepSessionId` is the settings screen's own),
 * device trusts. The OTP budget of the hour is forgotten too (R-OTP-8): whoever exhausted it with
 * the old password no longer has a password, and the owner must not wait out their hour.
 */
export async function endEverythingInFlight(
  trx: Executor,
  clock: Clock,
  accountId: string,
  keepSessionId?: string,
): Promise<void> {
  const now = clock.now().getTime();
  await expireChallengesOfAccount(trx, accountId, now);
  await expireMailedKeysOfAccount(trx, accountId, now);
  await revokeSessionsOfAccount(trx, accountId, now, keepSessionId);
  await revokeAllDeviceTrusts(trx, accountId);
  await dropBudgetEvents(trx, accountId, OTP_BUDGET_KINDS);
}
