import type { ErrorBody } from './api/errors.js';
import type { HostInput, HostOutput } from './host-call-schemas.js';
import type { HostCallName } from './host-calls.js';
import type { KioskRefusal } from './kiosk-refusals.js';

export type { SignInResult } from './host-call-schemas.js';

/**
 * What the screens may ask of the program around them (ARCHITECTURE.md): one method per entry of
 * the table of Host calls (host-calls.ts), typed by its schemas (host-call-schemas.ts). The
 * browser's WebHost answers over HTTP with cookies; the kiosk's KioskHost answers through
 * `window.kiosk`, whose main process holds the token and attests the terminal. No screen knows
 * which one it has.
 *
 * Every call resolves (never throws for an answer of the service): `ok: false` carries the
 * service's error body, or `network_error` when the service could not be reached. A refusal of the
 * kiosk's main process itself carries its `reason` (kiosk-refusals.ts). The screens word every
 * answer from its codes; `message` is the service's own text (API.md) or empty, never shown.
 */
export type HostError = (ErrorBody | { error: 'network_error'; message: string }) & { reason?: KioskRefusal };
export type HostResult<T = void> = { ok: true; data: T } | { ok: false; error: HostError };

/** A call of the table as a method: no argument when it takes no input. */
export type HostMethod<I, O> = [I] extends [undefined] ? () => Promise<O> : (input: I) => Promise<O>;

export type HostCalls = { [K in HostCallName]: HostMethod<HostInput<K>, HostResult<HostOutput<K>>> };

export interface Host extends HostCalls {
  readonly kind: 'web' | 'kiosk';
  /** R-OTP-3 / R-KIOSK-3: the skip checkbox exists only where a browser may remember itself. */
  readonly offersOtpSkip: boolean;
}

export type { HostInput, HostOutput };
