import { z } from 'zod';
import { text, typedCode } from '../api/text.js';

/**
 * The staff console's sign-in (issue 14): staff ID + a one-time registration code to register a
 * passkey, then staff ID + passkey. WebAuthn bodies are the JSON of @simplewebauthn/browser
 * (`startRegistration` / `startAuthentication`), checked here only for shape; the service verifies them.
 */

/** The printed staff ID (`S` and 7 digits); typed in any width or case. */
export const StaffId = text(32)
  .transform((s) => s.normalize('NFKC').trim().toUpperCase())
  .pipe(z.string().min(1).max(16))
  .meta({
    description: 'Trimmed; full-width forms and lower case are normalised. Documented in its printed (ASCII) form.',
    pattern: '^[!-~]([ -~]*[!-~])?$',
  });

/** The one-time registration code of `mypage create-staff`; spaces and hyphens are ignored. */
export const RegistrationCode = typedCode();

export const StaffRole = z.enum(['office', 'it']);
export type StaffRole = z.infer<typeof StaffRole>;

const B64url = text(8192).regex(/^[A-Za-z0-9_-]*={0,2}$/);

/** A RegistrationResponseJSON (navigator.credentials.create, through @simplewebauthn/browser). */
export const RegistrationResponse = z.looseObject({
  id: B64url,
  rawId: B64url,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: B64url,
    attestationObject: B64url,
    transports: z.array(text(32)).max(10).optional(),
  }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: text(32).optional(),
});

/** An AuthenticationResponseJSON (navigator.credentials.get): sign-in, and the `stepUp` of a sensitive action. */
export const AuthenticationResponse = z.looseObject({
  id: B64url,
  rawId: B64url,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: B64url,
    authenticatorData: B64url,
    signature: B64url,
    userHandle: B64url.optional(),
  }),
  clientExtensionResults: z.looseObject({}),
  authenticatorAttachment: text(32).optional(),
});
export type AuthenticationResponse = z.infer<typeof AuthenticationResponse>;

/** The `stepUp` field of a sensitive action's body: an assertion for the challenge of `POST /step-up/options`. */
export const StepUp = AuthenticationResponse;

/**
 * What a step-up is for: the sensitive action and its target (an employer's ref, a kiosk's id, the
 * office of an enrollment code). The challenge is bound to both: it counts for nothing else.
 */
export const stepUpActions = [
  'reveal_id',
  'reinstate',
  'revoke_kiosk',
  'issue_enrollment_code',
  'set_kiosk_minimum_version',
  'request_diagnostics',
] as const;
export type StepUpAction = (typeof stepUpActions)[number];
export const StepUpOptionsRequest = z.strictObject({
  action: z.enum(stepUpActions),
  target: text(200, { min: 1 }),
});
export type StepUpBinding = z.infer<typeof StepUpOptionsRequest>;

export const RegistrationOptionsRequest = z.strictObject({ staffId: StaffId, code: RegistrationCode });
export const RegistrationVerifyRequest = z.strictObject({
  staffId: StaffId,
  code: RegistrationCode,
  response: RegistrationResponse,
});
export const LoginOptionsRequest = z.strictObject({ staffId: StaffId });
export const LoginVerifyRequest = z.strictObject({ staffId: StaffId, response: AuthenticationResponse });

/** WebAuthn options JSON for `startRegistration({ optionsJSON })` / `startAuthentication({ optionsJSON })`. */
export const WebAuthnOptionsResponse = z.object({ options: z.looseObject({ challenge: z.string() }) });

export const StaffProfile = z.object({
  staffId: z.string(),
  name: z.string(),
  role: StaffRole,
  office: z.string().nullable(),
});
export type StaffProfile = z.infer<typeof StaffProfile>;
export const StaffMeResponse = z.object({ staff: StaffProfile });

/** Staff sessions end after 15 minutes without a request, and 8 hours after sign-in whatever happens. */
export const STAFF_SESSION_IDLE_MS = 15 * 60_000;
export const STAFF_SESSION_ABSOLUTE_MS = 8 * 3_600_000;
/** A registration code of `mypage create-staff` is good for 24 hours, once. */
export const STAFF_REGISTRATION_CODE_TTL_MS = 24 * 3_600_000;
/** A sign-in or registration challenge lives 5 minutes; a step-up challenge 2 (one sensitive action). */
export const STAFF_CHALLENGE_TTL_MS = 5 * 60_000;
export const STAFF_STEP_UP_TTL_MS = 2 * 60_000;
/**
 * Passkeys per staff member, at most; sign-in options always list exactly this many credentials
 * (the member's and decoys), so their count tells nothing (docs/security.md).
 */
export const STAFF_PASSKEYS_MAX = 4;
/**
 * Sign-in attempts per staff ID and source (a browser that signed in as it before, or anywhere
 * else) within the window; then 429 until the oldest leaves it (docs/security.md).
 */
export const STAFF_SIGN_IN_ATTEMPTS_MAX = 10;
export const STAFF_SIGN_IN_WINDOW_MS = 15 * 60_000;
