import { R_OTP_8_MAX_OTP_MAILS, R_OTP_8_MAX_WRONG_OTPS, R_OTP_8_WINDOW_MS } from '../../src-shared/rules.js';
import type { AccountRow } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import {
  claimBudgetNotice,
  holdBudgetOf,
  isSpent,
  secondsUntilFree,
  type BudgetSpec,
  type HeldBudget,
} from '../budgets/budget.service.js';
import type { Clock } from '../clock.js';
import type { Executor } from '../db/schema.js';
import { enqueueMail } from '../mail/mail.service.js';
import { otpBudgetMail } from '../mail/mail-templates.js';

/**
 * R-OTP-8: per account and rolling hour, at most 30 wrong OTP entries across all its challenges
 * and at most 10 OTP mails. Restarting the login starts a new challenge (ten fresh tries of
 * R-OTP-2) but spends from the same budget, so it resets nothing.
 */
export const OTP_BUDGET: BudgetSpec<'otp_wrong' | 'otp_mail'> = {
  scope: 'otp',
  windowMs: R_OTP_8_WINDOW_MS,
  limits: { otp_wrong: R_OTP_8_MAX_WRONG_OTPS, otp_mail: R_OTP_8_MAX_OTP_MAILS },
};
export const OTP_BUDGET_KINDS = Object.keys(OTP_BUDGET.limits) as Array<keyof typeof OTP_BUDGET.limits>;

export type OtpBudget = HeldBudget<keyof typeof OTP_BUDGET.limits>;
export type OtpBudgetRefusal = { status: 'otp_budget_exhausted'; retryAfterSeconds: number };

/** Holds the account's OTP budget for the rest of the transaction (call it first in the transaction). */
export function holdOtpBudget(trx: Executor, clock: Clock, accountId: string): Promise<OtpBudget> {
  return holdBudgetOf(trx, OTP_BUDGET, accountId, clock.now().getTime());
}

/**
 * The refusal when `kinds` are spent, else undefined. The login checks both kinds (a new mail
 * after 30 wrong entries would only give more guesses); the OTP step checks wrong entries only (an
 * OTP mailed within the ten may still be entered). The owner is told once per window.
 */
export async function refuseIfSpent(
  trx: Executor,
  clock: Clock,
  b: OtpBudget,
  account: Pick<AccountRow, 'id' | 'login_id' | 'status'>,
  kinds: readonly (keyof typeof OTP_BUDGET.limits)[],
  ip: string,
): Promise<OtpBudgetRefusal | undefined> {
  if (!kinds.some((k) => isSpent(b, k))) return undefined;
  await recordAudit(trx, clock, {
    type: 'otp.budget_refused',
    accountId: account.id,
    loginId: account.login_id,
    ip,
    detail: { wrong: b.counts.otp_wrong.count, mails: b.counts.otp_mail.count },
  });
  await tellOwnerOnce(trx, clock, b, account);
  return { status: 'otp_budget_exhausted', retryAfterSeconds: secondsUntilFree(b, kinds) };
}

/** Mails the owner that the OTP budget ran out, at most once per window (R-OTP-8). */
export async function tellOwnerOnce(
  trx: Executor,
  clock: Clock,
  b: OtpBudget,
  account: Pick<AccountRow, 'login_id' | 'status'>,
): Promise<boolean> {
  if (account.status !== 'active' || !(await claimBudgetNotice(trx, b))) return false;
  await enqueueMail(trx, clock, account.login_id, otpBudgetMail());
  return true;
}
