import { z } from 'zod';
import type { HostResult, SignInResult } from './host.js';
import {
  AccountId,
  DevicesResponse,
  EmailChangeRequest,
  EmailConfirmRequest,
  HomeResponse,
  MetaResponse,
  OtpCode,
  Opaque,
  PasswordChangeRequest,
  PasswordResetComplete,
  ReregistrationComplete,
  TypedPassword,
  WithdrawRequest,
} from './api/schemas.js';

/**
 * The kiosk bridge (R-KIOSK-1..4): what the renderer may ask of the kiosk's main process through
 * `window.kiosk`. One list of channels, one input schema per channel, and `KioskApi` derived from
 * them, so the preload, the IPC handlers and the Playwright stand-in cannot drift (electron/fiddle).
 * The renderer gets screen data only; the visitor's token never crosses this bridge.
 */
const Empty = z.undefined();

export const kioskInputs = {
  // ── the Host calls ────────────────────────────────────────────────────────
  meta: Empty,
  login: z.strictObject({ id: AccountId, password: TypedPassword }),
  /** R-KIOSK-3: a kiosk never remembers a device, so `rememberDevice: true` is refused. */
  submitOtp: z.strictObject({ otp: OtpCode, rememberDevice: z.literal(false) }),
  cancelLogin: Empty,
  logout: Empty,
  home: Empty,
  requestPasswordReset: z.strictObject({ id: AccountId }),
  completePasswordReset: PasswordResetComplete,
  requestReregistration: z.strictObject({ id: AccountId, password: TypedPassword }),
  completeReregistration: ReregistrationComplete,
  devices: Empty,
  revokeDevice: z.strictObject({ id: Opaque }),
  changePassword: PasswordChangeRequest,
  changeEmail: EmailChangeRequest,
  confirmEmail: EmailConfirmRequest,
  withdraw: WithdrawRequest,
  // ── kiosk only ────────────────────────────────────────────────────────────
  /** What the shell needs at start: enrolled?, how the key is kept, idle settings, locale. */
  status: Empty,
  /** 端末登録: the service URL and the one-time enrollment code IT staff issued. */
  enroll: z.strictObject({
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
    code: z.string().min(1).max(64),
  }),
  /** Input seen by the page (pointer, touch, keys): feeds the idle guard. */
  activity: Empty,
  /** 「ログインを続ける」 on the idle overlay. */
  continueSession: Empty,
  /** The hidden exit for IT staff, after the key chord. */
  adminExit: z.strictObject({ pin: z.string().min(1).max(64) }),
} as const;

export type KioskChannel = keyof typeof kioskInputs;
export const kioskChannels = Object.keys(kioskInputs) as KioskChannel[];

/** The IPC channel name of a call (`ipcRenderer.invoke`) and of the push events. */
export const kioskIpcChannel = (channel: KioskChannel): string => `kiosk:${channel}`;
export const KIOSK_EVENT_CHANNEL = 'kiosk:event';

export const KioskStatus = z.strictObject({
  enrolled: z.boolean(),
  terminalId: z.string().optional(),
  office: z.string().optional(),
  serviceUrl: z.string().optional(),
  /** Set by IT's policy file: the 端末登録 screen shows it but cannot change it. */
  serviceUrlFromPolicy: z.boolean(),
  /**
   * `os`: the private key is encrypted by the OS (DPAPI, Keychain, libsecret, KWallet).
   * `file`: no OS-backed store (Linux `basic_text`): a file only the kiosk account may read.
   */
  keyProtection: z.enum(['os', 'file']),
  keyBackend: z.string(),
  locale: z.enum(['ja', 'en']),
  idleTimeoutSeconds: z.number().int().positive(),
  idleWarningSeconds: z.number().int().positive(),
});
export type KioskStatus = z.infer<typeof KioskStatus>;

/**
 * What main already knows when it opens a fresh kiosk page (after every wipe): is the terminal
 * enrolled, which language. It travels in the page URL's fragment (`kiosk.html#login.ja`,
 * `#enroll.en`), so the shell can draw the login form before its first bridge call. A hint, never
 * a secret and nothing of a visitor: the shell still asks for `status` and follows the answer.
 */
export type KioskStartHint = { enrolled: boolean; locale: KioskStatus['locale'] };

export const EnrollResult = z.strictObject({ terminalId: z.string(), office: z.string().optional() });
export type EnrollResult = z.infer<typeof EnrollResult>;

/** Pushed from main to the page. */
export const KioskEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('idle-active') }),
  z.strictObject({ type: z.literal('idle-warning'), secondsLeft: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('admin-prompt') }),
]);
export type KioskEvent = z.infer<typeof KioskEvent>;

/** What each channel answers. Calls resolve with results; they do not throw for service answers. */
export interface KioskOutputs {
  meta: HostResult<MetaResponse>;
  login: HostResult<SignInResult>;
  submitOtp: HostResult<SignInResult>;
  cancelLogin: HostResult;
  logout: HostResult;
  home: HostResult<HomeResponse>;
  requestPasswordReset: HostResult;
  completePasswordReset: HostResult;
  requestReregistration: HostResult;
  completeReregistration: HostResult;
  devices: HostResult<DevicesResponse>;
  revokeDevice: HostResult;
  changePassword: HostResult;
  changeEmail: HostResult;
  confirmEmail: HostResult;
  withdraw: HostResult;
  status: HostResult<KioskStatus>;
  enroll: HostResult<EnrollResult>;
  activity: HostResult;
  continueSession: HostResult;
  adminExit: HostResult;
}

export type KioskInput<C extends KioskChannel> = z.input<(typeof kioskInputs)[C]>;
export type KioskParsedInput<C extends KioskChannel> = z.output<(typeof kioskInputs)[C]>;

type Call<I, O> = [I] extends [undefined] ? () => Promise<O> : (input: I) => Promise<O>;

/** `window.kiosk`: declared once; the preload's object ends in `satisfies KioskApi`. */
export type KioskApi = { [C in KioskChannel]: Call<KioskInput<C>, KioskOutputs[C]> } & {
  /** Subscribe to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: KioskEvent) => void): () => void;
};
