import {
  generateAuthenticationOptions,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { STAFF_CHALLENGE_TTL_MS, type StaffProfile } from '../../src-shared/staff-api/auth.js';
import type { AppDeps } from '../app-deps.js';
import type { Config } from '../config.js';
import { challengeOf, relyingParty, verifyAssertion } from './relying-party.js';
import { advancePasskeyCounter, findPasskey, findStaffByStaffId, passkeysOf } from './staff.repository.js';
import { allowCredentialsFor } from './sign-in-credentials.js';
import { recordAudit } from '../audit/audit.repository.js';
import { rememberChallenge, spendChallenge } from './staff-challenges.service.js';
import { createStaffSession } from './staff-sessions.service.js';
import { forgetSignInAttempts, newKnownBrowserMarker, reserveSignInAttempt, signInSource } from './sign-in-limits.js';

type Deps = Pick<AppDeps, 'db' | 'clock'> & { config: Pick<Config, 'staffPublicOrigin'> };

/** `POST /staff/login/options`: request options of one shape for every staff ID, known or not. */
export async function staffLoginOptions(deps: Deps, staffId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const rp = relyingParty(deps.config);
  const member = await findStaffByStaffId(deps.db, staffId);
  const passkeys = member ? await passkeysOf(deps.db, member.id) : [];
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: await allowCredentialsFor(deps.db, staffId, passkeys),
    userVerification: 'required',
    timeout: STAFF_CHALLENGE_TTL_MS,
  });
  await rememberChallenge(deps.db, deps.clock, {
    challenge: options.challenge,
    purpose: 'login',
    subject: staffId,
    ttlMs: STAFF_CHALLENGE_TTL_MS,
  });
  return options;
}

export type StaffLoginOutcome =
  | { status: 'signed_in'; token: string; maxAgeSeconds: number; staff: StaffProfile; marker: string }
  | { status: 'staff_login_failed' }
  | { status: 'staff_login_limited'; retryAfterSeconds: number };

/**
 * `POST /staff/login/verify`: the challenge is spent FIRST (a replay or a race fails whatever
 * the signature), then the assertion is verified against the staff member's passkey — or the
 * decoy for an unknown ID or credential, the same work — then the counter moves in one
 * statement and the session starts. Every failure is one answer. Before all that, one attempt of
 * this staff ID from this source is reserved (sign-in-limits.ts): over the limit, 429 whatever the
 * passkey; a sign-in forgets its source's attempts and marks the browser as known for this ID.
 */
export async function verifyStaffLogin(
  deps: Deps,
  input: { staffId: string; response: AuthenticationResponseJSON; ip: string; marker?: string },
): Promise<StaffLoginOutcome> {
  const { db, clock } = deps;
  const source = await signInSource(db, input.staffId, input.marker);
  const reserved = await reserveSignInAttempt(db, clock, source);
  if (!reserved.ok) {
    await recordAudit(db, clock, {
      type: 'staff.login_failed',
      ip: input.ip,
      detail: { staffId: input.staffId, reason: 'limited' },
    });
    return { status: 'staff_login_limited', retryAfterSeconds: reserved.retryAfterSeconds };
  }
  const challenge = challengeOf(input.response.response.clientDataJSON);
  const fresh = await spendChallenge(db, clock, { challenge, purpose: 'login', subject: input.staffId });
  const member = await findStaffByStaffId(db, input.staffId);
  const passkey = member ? await findPasskey(db, input.response.id, member.id) : undefined;
  const counter = await verifyAssertion(relyingParty(deps.config), input.response, challenge ?? '', passkey);
  const now = clock.now().getTime();
  const advanced =
    fresh && passkey && counter !== null
      ? await advancePasskeyCounter(db, passkey.credential_id, Number(passkey.counter), counter, now)
      : false;
  if (!member || !advanced) {
    const reason = !fresh ? 'challenge' : !passkey ? 'credential' : counter === null ? 'assertion' : 'counter';
    await recordAudit(db, clock, {
      type: 'staff.login_failed',
      ip: input.ip,
      staffMemberId: member?.id ?? null,
      detail: { staffId: input.staffId, reason },
    });
    return { status: 'staff_login_failed' };
  }
  return db.transaction().execute(async (trx) => {
    const session = await createStaffSession(trx, clock, member.id);
    await forgetSignInAttempts(trx, source);
    await recordAudit(trx, clock, {
      type: 'staff.login',
      ip: input.ip,
      staffMemberId: member.id,
      detail: { staffId: member.staff_id },
    });
    return {
      status: 'signed_in' as const,
      token: session.token,
      maxAgeSeconds: session.maxAgeSeconds,
      staff: { staffId: member.staff_id, name: member.name, role: member.role, office: member.office_name },
      marker: await newKnownBrowserMarker(trx, input.staffId),
    };
  });
}
