import { R_OTP_2_MAX_ATTEMPTS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import type { AccountRow } from '../accounts/accounts.repository.js';
import { recordAudit, recordAudits, type AuditEvent } from '../audit/audit.repository.js';
import type { Clock } from '../clock.js';
import type { Executor } from '../db/schema.js';
import { createSession } from '../auth/sessions.service.js';
import { hmacSha256, safeEqual, sha256 } from '../crypto/tokens.js';
import { isSpent, spendBudget } from '../budgets/budget.service.js';
import { trustDevice } from '../device-trust/device-trust.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { deviceTrustMail } from '../mail/mail-templates.js';
import {
  consumeChallenge,
  countOtpTry,
  findChallenge,
  findChallengeWithAccount,
  type ChallengeRow,
} from './challenges.repository.js';
import { holdOtpBudget, refuseIfSpent, tellOwnerOnce, type OtpBudgetRefusal } from './otp-budget.service.js';
import { rememberKnownBrowser, type KnownBrowserMarker } from './known-browsers.service.js';

export interface OtpInput {
  challenge: string;
  otp: string;
  rememberDevice: boolean;
  deviceLabel: string;
  /** The known-browser marker cookie (R-LOGIN-6), when the browser sent one. */
  knownBrowserToken?: string | undefined;
  ip: string;
}

export type OtpOutcome =
  | {
      status: 'authenticated';
      kind: 'web';
      sessionToken: string;
      maxAgeSeconds: number;
      knownBrowser: KnownBrowserMarker;
      device?: { token: string; maxAgeSeconds: number };
    }
  | { status: 'authenticated'; kind: 'kiosk'; sessionToken: string; expiresAt: Date }
  | { status: 'otp_invalid'; attemptsLeft: number }
  | { status: 'otp_expired' }
  | { status: 'otp_exhausted' }
  | OtpBudgetRefusal;

type Deps = Pick<AppDeps, 'db' | 'clock' | 'mailQueued'>;

/**
 * R-OTP-1, R-OTP-2, R-OTP-3, R-OTP-8, R-OTP-9: checks one OTP entry, in ONE transaction (one commit per entry). The account's
 * OTP budget is held first (R-OTP-8: past 30 wrong entries an hour, every entry is refused, the
 * right one too, or guessing would go on); then the try is counted (an atomic UPDATE … RETURNING,
 * which also holds the challenge's row or write lock until the commit) and the code compared in
 * constant time; the tenth wrong entry kills the challenge. A challenge that a kiosk started (its
 * attestation failed) ends in a kiosk bearer session and never in a device trust (R-KIOSK-3).
 * R-CRED-1: a credential change expires the account's challenges in its own transaction, so a
 * login started with the old password finds its challenge dead here.
 */
export async function verifyOtp(deps: Deps, input: OtpInput): Promise<OtpOutcome> {
  const { db, clock } = deps;
  const id = sha256(input.challenge);
  const presented = hmacSha256(input.challenge, input.otp);
  // Whose budget to hold, and the account, read before the transaction with the challenge (a
  // challenge never changes account; a credential change expires it, which the counted try sees).
  const found = await findChallengeWithAccount(db, id);
  if (!found) return { status: 'otp_expired' };
  const account: OtpAccount = { id: found.account_id, login_id: found.login_id, status: found.status };
  if (account.status !== 'active' || found.password_changed_at > found.created_at) return { status: 'otp_expired' };
  let mailed = false;
  const outcome = await db.transaction().execute(async (trx): Promise<OtpOutcome> => {
    const budget = await holdOtpBudget(trx, clock, found.account_id);
    const now = clock.now().getTime();
    if (isSpent(budget, 'otp_wrong')) {
      if (!isLive(found, now)) return whyNotCounted(found, now);
      const refusal = await refuseIfSpent(trx, clock, budget, account, ['otp_wrong'], input.ip);
      mailed = true;
      if (refusal) return refusal;
    }
    const counted = await countOtpTry(trx, id, now);
    if (!counted) return whyNotCounted(await findChallenge(trx, id), now);
    if (!safeEqual(presented, counted.otp_hash)) {
      await spendBudget(trx, budget, 'otp_wrong');
      if (isSpent(budget, 'otp_wrong')) mailed = await tellOwnerOnce(trx, clock, budget, account);
      const attemptsLeft = R_OTP_2_MAX_ATTEMPTS - counted.attempts;
      await recordAudit(trx, clock, {
        type: attemptsLeft === 0 ? 'otp.exhausted' : 'otp.failed',
        accountId: counted.account_id,
        ip: input.ip,
        detail: { attempts: counted.attempts },
      });
      return attemptsLeft === 0 ? { status: 'otp_exhausted' } : { status: 'otp_invalid', attemptsLeft };
    }
    if (!(await consumeChallenge(trx, id, now))) return { status: 'otp_expired' };
    const signedIn = await signIn(trx, clock, account, counted.attestation_failed === 1, input);
    mailed ||= signedIn.mailed;
    return signedIn.outcome;
  });
  if (mailed) deps.mailQueued();
  return outcome;
}

type OtpAccount = Pick<AccountRow, 'id' | 'login_id' | 'status'>;

/**
 * The right OTP: the session (a kiosk bearer one when a kiosk started the challenge, R-KIOSK-3),
 * the known browser (R-LOGIN-6), the device trust asked for (R-OTP-3) with its mail (R-OTP-9), and
 * their audit rows in one insert.
 */
async function signIn(
  trx: Executor,
  clock: Clock,
  account: OtpAccount,
  kiosk: boolean,
  input: OtpInput,
): Promise<{ outcome: OtpOutcome; mailed: boolean }> {
  const succeeded: AuditEvent = {
    type: 'login.succeeded',
    accountId: account.id,
    loginId: account.login_id,
    ip: input.ip,
    detail: { kind: kiosk ? 'kiosk' : 'web' },
  };
  if (kiosk) {
    const s = await createSession(trx, clock, { accountId: account.id, kind: 'kiosk' });
    await recordAudit(trx, clock, succeeded);
    return {
      outcome: { status: 'authenticated', kind: 'kiosk', sessionToken: s.token, expiresAt: s.expiresAt },
      mailed: false,
    };
  }
  const s = await createSession(trx, clock, { accountId: account.id, kind: 'web' });
  const knownBrowser = await rememberKnownBrowser(trx, clock, account.id, input.knownBrowserToken);
  const signedIn = { sessionToken: s.token, maxAgeSeconds: s.maxAgeSeconds, knownBrowser };
  if (!input.rememberDevice) {
    await recordAudit(trx, clock, succeeded);
    return { outcome: { status: 'authenticated', kind: 'web', ...signedIn }, mailed: false };
  }
  const device = await trustDevice(trx, clock, account.id, input.deviceLabel);
  // R-OTP-9: the owner hears of it, in the transaction that creates the trust.
  await enqueueMail(trx, clock, account.login_id, deviceTrustMail(input.deviceLabel, clock.now()));
  await recordAudits(trx, clock, [succeeded, { type: 'device_trust.created', accountId: account.id, ip: input.ip }]);
  return { outcome: { status: 'authenticated', kind: 'web', ...signedIn, device }, mailed: true };
}

function isLive(row: ChallengeRow, now: number): boolean {
  return row.consumed_at === null && row.expires_at > now && row.attempts < R_OTP_2_MAX_ATTEMPTS;
}

/** A try that was not counted: the challenge had its ten tries, or it is used, expired or unknown. */
function whyNotCounted(row: ChallengeRow | undefined, now: number): OtpOutcome {
  if (row && row.consumed_at === null && row.expires_at > now && row.attempts >= R_OTP_2_MAX_ATTEMPTS)
    return { status: 'otp_exhausted' };
  return { status: 'otp_expired' };
}
