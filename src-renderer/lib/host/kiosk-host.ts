import { hostCallNames } from '../../../src-shared/host-calls.js';
import type { HostCalls, HostResult, SignInResult } from '../../../src-shared/host.js';
import type { KioskApi } from '../../../src-shared/kiosk-bridge.js';

type AnyCall = (input?: unknown) => Promise<unknown>;

// The methods are made in the constructor, one per Host call of the table.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the class gains the table's methods by merging
export interface KioskHost extends HostCalls {}

/**
 * The kiosk's Host (R-KIOSK-1, R-KIOSK-2, R-KIOSK-3): every call goes through `window.kiosk` to the main process,
 * which attests the terminal and keeps the token; this page never touches the network.
 * The OTP skip checkbox is never offered here (R-OTP-6, R-KIOSK-3).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the class gains the table's methods by merging
export class KioskHost {
  readonly kind = 'kiosk' as const;
  readonly offersOtpSkip = false;

  /** `onSignIn` lets the shell show the "terminal could not be verified" note on the OTP step. */
  constructor(api: KioskApi, options: { onSignIn?: (result: SignInResult) => void } = {}) {
    // Every call of the table goes over the bridge as it is…
    for (const name of hostCallNames)
      (this as Record<string, unknown>)[name] = (input?: unknown) => (api[name] as AnyCall)(input);
    // …the login steps also tell the shell how they went.
    const signIn = (r: HostResult<SignInResult>) => {
      if (r.ok) options.onSignIn?.(r.data);
      return r;
    };
    // Only the ID and the password cross the bridge, whatever else the object holds.
    this.login = async (input) => signIn(await api.login({ id: input.id, password: input.password }));
    // R-KIOSK-3: whatever the screen holds, a kiosk never asks to remember the device.
    this.submitOtp = async (input) => signIn(await api.submitOtp({ otp: input.otp, rememberDevice: false }));
  }
}
