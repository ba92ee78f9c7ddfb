import {
  generateAuthenticationOptions,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { STAFF_STEP_UP_TTL_MS, StepUp, type StepUpBinding } from '../../src-shared/staff-api/auth.js';
import type { AppDeps } from '../app-deps.js';
import type { Config } from '../config.js';
import { challengeOf, relyingParty, verifyAssertion } from './relying-party.js';
import { advancePasskeyCounter, findPasskey, findStaffById, passkeysOf } from './staff.repository.js';
import { allowCredentialsFor } from './sign-in-credentials.js';
import { rememberChallenge, spendChallenge } from './staff-challenges.service.js';
import type { StaffActor } from './staff-sessions.service.js';

type Deps = Pick<AppDeps, 'db' | 'clock'> & { config: Pick<Config, 'staffPublicOrigin'> };

/** A step-up challenge's subject: this session, this action, this target (and nothing else). */
function subjectOf(actor: StaffActor, binding: StepUpBinding): string {
  return JSON.stringify([actor.sessionId, binding.action, binding.target]);
}

/** `POST /staff/step-up/options`: a challenge for this session only, 2 minutes, for one action on one target. */
export async function stepUpOptions(
  deps: Deps,
  actor: StaffActor,
  binding: StepUpBinding,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const passkeys = await passkeysOf(deps.db, actor.staffMemberId);
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps.config).rpID,
    allowCredentials: await allowCredentialsFor(deps.db, actor.staffId, passkeys),
    userVerification: 'required',
    timeout: STAFF_STEP_UP_TTL_MS,
  });
  await rememberChallenge(deps.db, deps.clock, {
    challenge: options.challenge,
    purpose: 'step_up',
    subject: subjectOf(actor, binding),
    ttlMs: STAFF_STEP_UP_TTL_MS,
  });
  return options;
}

/**
 * A sensitive action's `stepUp`: an assertion, by one of the actor's passkeys, for a step-up
 * challenge of the actor's session for this action and target that is unused and under 2 minutes
 * old. True once per challenge; false for anything else (missing, malformed, replayed, late,
 * another session's, another action's or target's, another origin's, another staff member's
 * passkey) — the route then answers 403 `step_up_required`.
 */
export async function verifyStepUp(
  deps: Deps,
  actor: StaffActor,
  stepUp: unknown,
  binding: StepUpBinding,
): Promise<boolean> {
  const parsed = StepUp.safeParse(stepUp);
  if (!parsed.success) return false;
  const response = parsed.data as unknown as AuthenticationResponseJSON;
  const challenge = challengeOf(response.response.clientDataJSON);
  if (
    !(await spendChallenge(deps.db, deps.clock, { challenge, purpose: 'step_up', subject: subjectOf(actor, binding) }))
  )
    return false;
  // a member disabled since the request began (mypage disable-staff) proves nothing
  const passkey = (await findStaffById(deps.db, actor.staffMemberId))
    ? await findPasskey(deps.db, response.id, actor.staffMemberId)
    : undefined;
  const counter = await verifyAssertion(relyingParty(deps.config), response, challenge ?? '', passkey);
  if (!passkey || counter === null) return false;
  return advancePasskeyCounter(
    deps.db,
    passkey.credential_id,
    Number(passkey.counter),
    counter,
    deps.clock.now().getTime(),
  );
}
