import type { Host, HostResult, SignInResult } from '../../../src-shared/host.js';
import type { KioskApi } from '../../../src-shared/kiosk-bridge.js';
import type { DevicesResponse, HomeResponse, MetaResponse, PasswordResetComplete, ReregistrationComplete } from '../../../src-shared/api/schemas.js';

/**
 * The kiosk's Host (R-KIOSK-1..3): every call goes through `window.kiosk` to the main process,
 * which attests the terminal and keeps the token; this page never touches the network.
 * The OTP skip checkbox is never offered here (R-OTP-6, R-KIOSK-3).
 */
export class KioskHost implements Host {
  readonly kind = 'kiosk' as const;
  readonly offersOtpSkip = false;
  readonly #api: KioskApi;
  readonly #onSignIn: ((result: SignInResult) => void) | undefined;

  /** `onSignIn` lets the shell show the "terminal could not be verified" note on the OTP step. */
  constructor(api: KioskApi, options: { onSignIn?: (result: SignInResult) => void } = {}) {
    this.#api = api;
    this.#onSignIn = options.onSignIn;
  }

  meta(): Promise<HostResult<MetaResponse>> {
    return this.#api.meta();
  }

  async login(input: { id: string; password: string }): Promise<HostResult<SignInResult>> {
    const r = await this.#api.login({ id: input.id, password: input.password });
    if (r.ok) this.#onSignIn?.(r.data);
    return r;
  }

  async submitOtp(input: { otp: string; rememberDevice: boolean }): Promise<HostResult<SignInResult>> {
    // R-KIOSK-3: whatever the screen holds, a kiosk never asks to remember the device.
    void input.rememberDevice;
    const r = await this.#api.submitOtp({ otp: input.otp, rememberDevice: false });
    if (r.ok) this.#onSignIn?.(r.data);
    return r;
  }

  async cancelLogin(): Promise<void> {
    await this.#api.cancelLogin();
  }

  logout(): Promise<HostResult> {
    return this.#api.logout();
  }

  home(): Promise<HostResult<HomeResponse>> {
    return this.#api.home();
  }

  requestPasswordReset(input: { id: string }): Promise<HostResult> {
    return this.#api.requestPasswordReset({ id: input.id });
  }

  completePasswordReset(input: PasswordResetComplete): Promise<HostResult> {
    return this.#api.completePasswordReset(input);
  }

  requestReregistration(input: { id: string; password: string }): Promise<HostResult> {
    return this.#api.requestReregistration({ id: input.id, password: input.password });
  }

  completeReregistration(input: ReregistrationComplete): Promise<HostResult> {
    return this.#api.completeReregistration(input);
  }

  devices(): Promise<HostResult<DevicesResponse>> {
    return this.#api.devices();
  }

  revokeDevice(input: { id: string }): Promise<HostResult> {
    return this.#api.revokeDevice({ id: input.id });
  }

  changePassword(input: { currentPassword: string; newPassword: string; newPasswordConfirm: string }): Promise<HostResult> {
    return this.#api.changePassword(input);
  }

  changeEmail(input: { newId: string; password: string }): Promise<HostResult> {
    return this.#api.changeEmail(input);
  }

  confirmEmail(input: { key: string }): Promise<HostResult> {
    return this.#api.confirmEmail(input);
  }

  withdraw(input: { password: string }): Promise<HostResult> {
    return this.#api.withdraw(input);
  }
}
