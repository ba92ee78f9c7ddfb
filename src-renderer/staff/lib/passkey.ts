import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/browser';
import type { StaffClient, StaffResult } from './staff-client.js';
import type { StepUpBinding } from '../../../src-shared/staff-api/auth.js';
import type { PasskeyAssertion, PasskeyOptions, PasskeyRegistration } from './staff-types.js';

/** What the browser's passkey prompt ended with, as a code the catalog words. */
function failure(err: unknown): StaffResult<never> {
  const name = err instanceof Error ? err.name : '';
  // NotAllowedError: the person cancelled, or the prompt timed out (browsers do not say which).
  const code = name === 'NotAllowedError' || name === 'AbortError' ? 'passkey_cancelled' : 'passkey_failed';
  return { ok: false, error: { error: code, message: err instanceof Error ? err.message : '' } };
}

const unsupported: StaffResult<never> = { ok: false, error: { error: 'passkey_unsupported', message: '' } };

/** The browser's passkey prompt for a sign-in or step-up challenge. */
export async function assertPasskey(options: PasskeyOptions): Promise<StaffResult<PasskeyAssertion>> {
  if (!browserSupportsWebAuthn()) return unsupported;
  try {
    const response = await startAuthentication({ optionsJSON: options });
    return { ok: true, data: response as unknown as PasskeyAssertion };
  } catch (err) {
    return failure(err);
  }
}

/** The browser's prompt that makes a new passkey. */
export async function createPasskey(options: PasskeyOptions): Promise<StaffResult<PasskeyRegistration>> {
  if (!browserSupportsWebAuthn()) return unsupported;
  try {
    const response = await startRegistration({
      optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
    });
    return { ok: true, data: response as unknown as PasskeyRegistration };
  } catch (err) {
    return failure(err);
  }
}

/**
 * The passkey asked again before a sensitive action: a fresh challenge for this action on this
 * target (the service accepts it for nothing else), answered; the `stepUp` body.
 */
export async function stepUp(client: StaffClient, binding: StepUpBinding): Promise<StaffResult<PasskeyAssertion>> {
  const options = await client.call('stepUpOptions', { body: binding });
  if (!options.ok) return options;
  return assertPasskey(options.data.options);
}
