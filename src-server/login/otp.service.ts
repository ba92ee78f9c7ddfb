import { R_OTP_2_MAX_ATTEMPTS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import { findAccountById } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { createSession } from '../auth/sessions.service.js';
import { hmacSha256, safeEqual, sha256 } from '../crypto/tokens.js';
import { isSpent, spendBudget } from '../budgets/budget.service.js';
import { trustDevice } from '../device-trust/device-trust.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { deviceTrustMail } from '../mail/mail-templates.js';
import { consumeChallenge, countOtpTry, findChallenge, type ChallengeRow } from './challenges.repository.js';
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
  // Whose budget to hold: read before the transaction (a challenge never changes account).
  const found = await findChallenge(db, id);
  if (!found) return { status: 'otp_expired' };
  let mailed = false;
  const outcome = await db.transaction().execute(async (trx): Promise<OtpOutcome> => {
    const budget = await holdOtpBudget(trx, clock, found.account_id);
    const now = clock.now().getTime();
    const account = await findAccountById(trx, found.account_id);
    if (!account || account.status !== 'active' || account.password_changed_at > found.created_at)
      return { status: 'otp_expired' };
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
    const kiosk = counted.attestation_failed === 1;
    await recordAudit(trx, clock, {
      type: 'login.succeeded',
      accountId: account.id,
      loginId: account.login_id,
      ip: input.ip,
      detail: { kind: kiosk ? 'kiosk' : 'web' },
    });
    if (kiosk) {
      const s = await createSession(trx, clock, { accountId: account.id, kind: 'kiosk' });
      return { status: 'authenticated', kind: 'kiosk', sessionToken: s.token, expiresAt: s.expiresAt };
    }
    const s = await createSession(trx, clock, { accountId: account.id, kind: 'web' });
    const knownBrowser = await rememberKnownBrowser(trx, clock, account.id, input.knownBrowserToken);
    if (!input.rememberDevice)
      return {
        status: 'authenticated',
        kind: 'web',
        sessionToken: s.token,
        maxAgeSeconds: s.maxAgeSeconds,
        knownBrowser,
      };
    const device = await trustDevice(trx, clock, account.id, input.deviceLabel);
    // R-OTP-9: the owner hears of it, in the transaction that creates the trust.
    await enqueueMail(trx, clock, account.login_id, deviceTrustMail(input.deviceLabel, clock.now()));
    mailed = true;
    await recordAudit(trx, clock, { type: 'device_trust.created', accountId: account.id, ip: input.ip });
    return {
      status: 'authenticated',
      kind: 'web',
      sessionToken: s.token,
      maxAgeSeconds: s.maxAgeSeconds,
      knownBrowser,
      device,
    };
  });
  if (mailed) deps.mailQueued();
  return outcome;
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
