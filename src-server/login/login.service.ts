import type { Attestation } from '../../src-shared/api/schemas.js';
import { isReregistrable, R_LOGIN_2_OTP_DIGITS, R_OTP_1_TTL_MS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import type { AccountRow } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { createSession } from '../auth/sessions.service.js';
import { hmacSha256, randomDigits, randomToken, sha256 } from '../crypto/tokens.js';
import { deviceIsTrusted } from '../device-trust/device-trust.service.js';
import { spendBudget } from '../budgets/budget.service.js';
import { enqueueMail } from '../mail/mail.service.js';
import { otpMail } from '../mail/mail-templates.js';
import type { Executor } from '../db/schema.js';
import { insertChallenge } from './challenges.repository.js';
import { findLoginSubject } from './login-subject.repository.js';
import { holdOtpBudget, OTP_BUDGET_KINDS, refuseIfSpent, type OtpBudgetRefusal } from './otp-budget.service.js';
import { rememberKnownBrowser, type KnownBrowserMarker } from './known-browsers.service.js';
import { attemptPassword } from './password-attempt.js';

export interface LoginInput {
  /** Normalised already (the request schema does it). */
  loginId: string;
  password: string;
  attestation?: Attestation;
  /** The device-trust cookie, when the browser sent one. */
  deviceToken?: string;
  /** The known-browser marker cookie (R-LOGIN-6), when the browser sent one. */
  knownBrowserToken?: string;
  ip: string;
}

export type LoginOutcome =
  | { status: 'otp_required'; challenge: string; expiresAt: Date; attestationFailed: boolean }
  | {
      status: 'authenticated';
      kind: 'web';
      sessionToken: string;
      maxAgeSeconds: number;
      knownBrowser: KnownBrowserMarker;
    }
  | { status: 'authenticated'; kind: 'kiosk'; sessionToken: string; expiresAt: Date }
  | { status: 'invalid_credentials'; attemptsLeft: number }
  | { status: 'locked'; retryAfterSeconds: number }
  | { status: 'withdrawn'; reregistrable: boolean }
  | { status: 'kiosk_update_required' }
  | OtpBudgetRefusal;

type Deps = Pick<AppDeps, 'db' | 'clock' | 'attestationVerifier' | 'mailQueued'>;

/**
 * R-LOGIN-1, R-LOGIN-2, R-LOGIN-3, R-LOGIN-6, R-OTP-7: one login attempt. The password check is attemptPassword's (the source
 * — attested terminal, known browser, anywhere else — chosen first, a try reserved, the real or
 * the decoy's hash verified), so known and unknown IDs run the same code. After the right
 * password, every outcome forgets its source's failures in its own transaction.
 */
export async function login(deps: Deps, input: LoginInput): Promise<LoginOutcome> {
  const { db, clock } = deps;
  // R-FLEET-1: an outdated kiosk build is refused before its password is looked at.
  if (input.attestation && (await deps.attestationVerifier.updateRequired?.(db, input.attestation.terminalId)))
    return { status: 'kiosk_update_required' };
  const marker = !input.attestation && input.knownBrowserToken ? input.knownBrowserToken : undefined;
  const subject = await findLoginSubject(
    db,
    input.loginId,
    marker === undefined ? undefined : sha256(marker),
    clock.now().getTime(),
  );
  const attempt = await attemptPassword(deps, {
    screen: 'login',
    loginId: input.loginId,
    account: subject.account,
    verifiable: () => true,
    password: input.password,
    evidence: { attestation: input.attestation, knownBrowserToken: marker, knownBrowserId: subject.knownBrowserId },
    ip: input.ip,
  });
  if (attempt.status === 'locked') return { status: 'locked', retryAfterSeconds: attempt.retryAfterSeconds };
  if (attempt.status === 'wrong') return { status: 'invalid_credentials', attemptsLeft: attempt.attemptsLeft };
  const { account, forgetFailures } = attempt;

  if (account.status === 'withdrawn') {
    const reregistrable = isReregistrable(account.withdrawn_at, clock.now().getTime());
    await db.transaction().execute(async (trx) => {
      await forgetFailures(trx);
      await recordAudit(trx, clock, {
        type: 'login.withdrawn',
        accountId: account.id,
        loginId: input.loginId,
        ip: input.ip,
      });
    });
    return { status: 'withdrawn', reregistrable };
  }
  if (attempt.source.kind === 'terminal')
    return kioskLogin(deps, input, account, attempt.source.terminalId, forgetFailures);
  if (!input.attestation && input.deviceToken && (await deviceIsTrusted(db, clock, input.deviceToken, account.id))) {
    const signedIn = await db.transaction().execute(async (trx) => {
      await forgetFailures(trx);
      await recordAudit(trx, clock, {
        type: 'login.device_trusted',
        accountId: account.id,
        loginId: input.loginId,
        ip: input.ip,
      });
      const session = await createSession(trx, clock, { accountId: account.id, kind: 'web' });
      const issued = attempt.source.kind === 'browser';
      const knownBrowser = await rememberKnownBrowser(trx, clock, account.id, input.knownBrowserToken, { issued });
      return { session, knownBrowser };
    });
    const { session, knownBrowser } = signedIn;
    return {
      status: 'authenticated',
      kind: 'web',
      sessionToken: session.token,
      maxAgeSeconds: session.maxAgeSeconds,
      knownBrowser,
    };
  }
  return startOtp(deps, input, account, attempt.attestationFailed, forgetFailures);
}

/** R-OTP-7 / R-KIOSK-2: an attested kiosk skips the OTP (the attestation was verified before the password). */
async function kioskLogin(
  deps: Deps,
  input: LoginInput,
  account: AccountRow,
  terminalId: string,
  forgetFailures: (trx: Executor) => Promise<void>,
): Promise<LoginOutcome> {
  const { db, clock } = deps;
  const session = await db.transaction().execute(async (trx) => {
    await forgetFailures(trx);
    await recordAudit(trx, clock, {
      type: 'login.kiosk',
      accountId: account.id,
      loginId: input.loginId,
      ip: input.ip,
      detail: { terminalId },
    });
    return createSession(trx, clock, { accountId: account.id, kind: 'kiosk', terminalId });
  });
  return { status: 'authenticated', kind: 'kiosk', sessionToken: session.token, expiresAt: session.expiresAt };
}

/**
 * R-LOGIN-2, R-OTP-1: a fresh challenge and its OTP, mailed through the outbox in the same
 * transaction. R-OTP-8: the account's OTP budget is held first; past it, no mail and a refusal
 * (a kiosk whose attestation failed lands here too: its fallback spends from the same budget).
 */
async function startOtp(
  deps: Deps,
  input: LoginInput,
  account: AccountRow,
  fromKiosk: boolean,
  forgetFailures: (trx: Executor) => Promise<void>,
): Promise<LoginOutcome> {
  const { db, clock } = deps;
  const now = clock.now().getTime();
  const challenge = randomToken();
  const otp = randomDigits(R_LOGIN_2_OTP_DIGITS);
  const expiresAt = now + R_OTP_1_TTL_MS;
  const refused = await db.transaction().execute(async (trx) => {
    const budget = await holdOtpBudget(trx, clock, account.id);
    await forgetFailures(trx);
    const refusal = await refuseIfSpent(trx, clock, budget, account, OTP_BUDGET_KINDS, input.ip);
    if (refusal) return refusal;
    await spendBudget(trx, budget, 'otp_mail');
    await insertChallenge(trx, {
      id: sha256(challenge),
      account_id: account.id,
      otp_hash: hmacSha256(challenge, otp),
      attempts: 0,
      created_at: now,
      expires_at: expiresAt,
      consumed_at: null,
      attestation_failed: fromKiosk ? 1 : 0,
    });
    await enqueueMail(trx, clock, account.login_id, otpMail(otp));
    await recordAudit(trx, clock, {
      type: 'login.otp_sent',
      accountId: account.id,
      loginId: input.loginId,
      ip: input.ip,
    });
    return undefined;
  });
  deps.mailQueued();
  if (refused) return refused;
  return { status: 'otp_required', challenge, expiresAt: new Date(expiresAt), attestationFailed: fromKiosk };
}
