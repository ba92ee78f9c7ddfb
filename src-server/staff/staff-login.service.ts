import {
  generateAuthenticationOptions,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { STAFF_CHALLENGE_TTL_MS, type StaffProfile } from '../../src-shared/staff-api/auth.js';
import type { AppDeps } from '../app-deps.js';
import type { Config } from '../config.js';
import { hmacSha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { challengeOf, relyingParty, verifyAssertion } from './relying-party.js';
import {
  advancePasskeyCounter,
  findPasskey,
  findStaffByStaffId,
  passkeysOf,
  recentCredentialIds,
  staffSecret,
  type StaffPasskeyRow,
} from './staff.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { rememberChallenge, spendChallenge } from './staff-challenges.service.js';
import { createStaffSession } from './staff-sessions.service.js';

type Deps = Pick<AppDeps, 'db' | 'clock'> & { config: Pick<Config, 'staffPublicOrigin'> };

/** Decoy credential IDs are sized like one of the stored passkeys' (32 bytes before any); bounds of WebAuthn's credential ID. */
const DECOY_DEFAULT_BYTES = 32;
const decodedLength = (id: string) => Math.min(1023, Math.max(16, Buffer.from(id, 'base64url').length));

/**
 * The credentials to offer: the staff member's passkeys, or (unknown ID, no passkey yet) a decoy,
 * the same every time for that ID and the size of a real one here (picked by the ID among the
 * newest passkeys), so the options do not tell a staff ID exists. No transports for anyone: a
 * real passkey's transports would differ from any constant a decoy could carry (the browser then
 * tries every transport, which is what it does for a passkey anyway).
 */
export async function allowCredentialsFor(
  db: Executor,
  staffId: string,
  passkeys: StaffPasskeyRow[],
): Promise<Array<{ id: string }>> {
  if (passkeys.length) return passkeys.map((p) => ({ id: p.credential_id }));
  const key = await staffSecret(db, 'decoy_credentials');
  const recent = await recentCredentialIds(db, 32);
  const pick = parseInt(hmacSha256(key, `size|${staffId}`).slice(0, 8), 16);
  const size = recent.length ? decodedLength(recent[pick % recent.length] ?? '') : DECOY_DEFAULT_BYTES;
  let bytes = Buffer.alloc(0);
  for (let block = 0; bytes.length < size; block++)
    bytes = Buffer.concat([bytes, Buffer.from(hmacSha256(key, `${block}|${staffId}`), 'hex')]);
  return [{ id: bytes.subarray(0, size).toString('base64url') }];
}

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
  { status: 'signed_in'; token: string; maxAgeSeconds: number; staff: StaffProfile } | { status: 'staff_login_failed' };

/**
 * `POST /staff/login/verify`: the challenge is spent FIRST (a replay or a race fails whatever
 * the signature), then the assertion is verified against the staff member's passkey — or the
 * decoy for an unknown ID or credential, the same work — then the counter moves in one
 * statement and the session starts. Every failure is one answer.
 */
export async function verifyStaffLogin(
  deps: Deps,
  input: { staffId: string; response: AuthenticationResponseJSON; ip: string },
): Promise<StaffLoginOutcome> {
  const { db, clock } = deps;
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
    };
  });
}
