import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { STAFF_CHALLENGE_TTL_MS, STAFF_PASSKEYS_MAX } from '../../src-shared/staff-api/auth.js';
import type { AppDeps } from '../app-deps.js';
import type { Config } from '../config.js';
import { recordAudit } from '../audit/audit.repository.js';
import { sha256 } from '../crypto/tokens.js';
import { challengeOf, relyingParty } from './relying-party.js';
import {
  consumeRegistrationCode,
  countPasskeysOf,
  findLiveRegistrationCode,
  findStaffByStaffId,
  insertPasskey,
  passkeysOf,
} from './staff.repository.js';
import { rememberChallenge, spendChallenge } from './staff-challenges.service.js';

/** Rolls the registration's transaction back (the code stays live) and answers `response_invalid`. */
class RegistrationRefused extends Error {}

type Deps = Pick<AppDeps, 'db' | 'clock'> & { config: Pick<Config, 'staffPublicOrigin'> };

/** The staff member a (staff ID, code) pair names while the code is live; undefined for every wrong pair, one path. */
async function memberWithLiveCode(deps: Deps, staffId: string, code: string) {
  const member = await findStaffByStaffId(deps.db, staffId);
  const live = await findLiveRegistrationCode(deps.db, sha256(code), member?.id ?? '', deps.clock.now().getTime());
  return member && live ? member : undefined;
}

export type RegistrationOptionsOutcome =
  { status: 'ok'; options: PublicKeyCredentialCreationOptionsJSON } | { status: 'registration_code_invalid' };

/** `POST /staff/registration/options`: creation options while the code is live (it is spent only by `verify`). */
export async function registrationOptions(
  deps: Deps,
  input: { staffId: string; code: string },
): Promise<RegistrationOptionsOutcome> {
  const member = await memberWithLiveCode(deps, input.staffId, input.code);
  if (!member) return { status: 'registration_code_invalid' };
  const rp = relyingParty(deps.config);
  const existing = await passkeysOf(deps.db, member.id);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.rpID,
    userName: member.staff_id,
    userDisplayName: member.name,
    userID: isoBase64URL.toBuffer(member.webauthn_user_id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({
      id: p.credential_id,
      transports: JSON.parse(p.transports) as AuthenticatorTransportFuture[],
    })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    timeout: STAFF_CHALLENGE_TTL_MS,
  });
  await rememberChallenge(deps.db, deps.clock, {
    challenge: options.challenge,
    purpose: 'registration',
    subject: member.id,
    ttlMs: STAFF_CHALLENGE_TTL_MS,
  });
  return { status: 'ok', options };
}

export type RegistrationOutcome =
  { status: 'registered' } | { status: 'registration_code_invalid' } | { status: 'response_invalid' };

/**
 * `POST /staff/registration/verify`: the code must still be live, the challenge is spent, the
 * attestation verified (origin, rpID, user verification); then ONE transaction spends the code
 * (a single `UPDATE … RETURNING`: of parallel registrations with one code, one wins) and stores the passkey.
 * A credential ID stored already, or a member with `STAFF_PASSKEYS_MAX` passkeys, is the 400 of
 * any refused response, and the code stays live.
 */
export async function verifyRegistration(
  deps: Deps,
  input: { staffId: string; code: string; response: RegistrationResponseJSON; ip: string },
): Promise<RegistrationOutcome> {
  const { db, clock } = deps;
  const member = await memberWithLiveCode(deps, input.staffId, input.code);
  if (!member) return { status: 'registration_code_invalid' };
  const challenge = challengeOf(input.response.response.clientDataJSON);
  if (!(await spendChallenge(db, clock, { challenge, purpose: 'registration', subject: member.id })))
    return { status: 'response_invalid' };
  const rp = relyingParty(deps.config);
  const verified = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge ?? '',
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: true,
  }).catch(() => undefined);
  const credential = verified?.verified ? verified.registrationInfo?.credential : undefined;
  if (!credential) return { status: 'response_invalid' };
  return db
    .transaction()
    .execute(async (trx): Promise<RegistrationOutcome> => {
      const now = clock.now().getTime();
      if (!(await consumeRegistrationCode(trx, sha256(input.code), member.id, now)))
        return { status: 'registration_code_invalid' };
      // A credential ID that is stored already (another member's, read from their sign-in options)
      // or a member at the cap: thrown so the code's spending rolls back with it.
      if ((await countPasskeysOf(trx, member.id)) >= STAFF_PASSKEYS_MAX) throw new RegistrationRefused();
      const stored = await insertPasskey(trx, {
        credential_id: credential.id,
        staff_member_id: member.id,
        public_key: isoBase64URL.fromBuffer(credential.publicKey),
        counter: credential.counter,
        transports: JSON.stringify(credential.transports ?? []),
        created_at: now,
        last_used_at: null,
      });
      if (!stored) throw new RegistrationRefused();
      await recordAudit(trx, clock, {
        type: 'staff.passkey_registered',
        ip: input.ip,
        staffMemberId: member.id,
        detail: { staffId: member.staff_id },
      });
      return { status: 'registered' };
    })
    .catch((err: unknown): RegistrationOutcome => {
      if (err instanceof RegistrationRefused) return { status: 'response_invalid' };
      throw err;
    });
}
