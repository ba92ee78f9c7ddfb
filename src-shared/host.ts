import type { ErrorBody } from './api/errors.js';
import type {
  DevicesResponse,
  EmailChangeRequest,
  EmailConfirmRequest,
  HomeResponse,
  MetaResponse,
  PasswordChangeRequest,
  PasswordResetComplete,
  ReregistrationComplete,
  WithdrawRequest,
} from './api/schemas.js';

/**
 * What the screens may ask of the program around them (ARCHITECTURE.md). The browser's WebHost
 * answers over HTTP with cookies; the kiosk's KioskHost answers through `window.kiosk`, whose
 * main process holds the token and attests the terminal. No screen knows which one it has.
 *
 * Every call resolves (never throws for an answer of the service): `ok: false` carries the
 * service's error body, or `network_error` when the service could not be reached.
 */
export type HostError = ErrorBody | { error: 'network_error'; message: string };
export type HostResult<T = void> = { ok: true; data: T } | { ok: false; error: HostError };

export type SignInResult =
  | { status: 'otp_required'; expiresAt: string; /** kiosk only: the terminal could not be verified */ attestationFailed?: boolean }
  | { status: 'authenticated' };

export interface Host {
  readonly kind: 'web' | 'kiosk';
  /** R-OTP-3 / R-KIOSK-3: the skip checkbox exists only where a browser may remember itself. */
  readonly offersOtpSkip: boolean;

  meta(): Promise<HostResult<MetaResponse>>;
  login(input: { id: string; password: string }): Promise<HostResult<SignInResult>>;
  /** The challenge of the pending login is kept by the host, not by the screen. */
  submitOtp(input: { otp: string; rememberDevice: boolean }): Promise<HostResult<SignInResult>>;
  cancelLogin(): Promise<void>;
  logout(): Promise<HostResult>;
  home(): Promise<HostResult<HomeResponse>>;

  requestPasswordReset(input: { id: string }): Promise<HostResult>;
  completePasswordReset(input: PasswordResetComplete): Promise<HostResult>;
  requestReregistration(input: { id: string; password: string }): Promise<HostResult>;
  completeReregistration(input: ReregistrationComplete): Promise<HostResult>;

  devices(): Promise<HostResult<DevicesResponse>>;
  revokeDevice(input: { id: string }): Promise<HostResult>;
  changePassword(input: PasswordChangeRequest): Promise<HostResult>;
  changeEmail(input: EmailChangeRequest): Promise<HostResult>;
  confirmEmail(input: EmailConfirmRequest): Promise<HostResult>;
  withdraw(input: WithdrawRequest): Promise<HostResult>;
}
