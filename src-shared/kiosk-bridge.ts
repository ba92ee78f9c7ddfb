import { z } from 'zod';
import { Empty, hostCallSchemas, type DataOf, type HostCallSchemas } from './host-call-schemas.js';
import { hostCallNames, type HostCallName } from './host-calls.js';
import type { HostMethod, HostResult } from './host.js';
import { OtpCode } from './api/schemas.js';
import type { KioskChannel, KioskOnlyCall } from './kiosk-channels.js';
import { kioskLocales } from './kiosk-start-hint.js';

export type { KioskStartHint } from './kiosk-start-hint.js';
export {
  kioskChannels,
  kioskIpcChannel,
  KIOSK_EVENT_CHANNEL,
  kioskOnlyCalls,
  type KioskChannel,
} from './kiosk-channels.js';

/**
 * The kiosk bridge (R-KIOSK-1, R-KIOSK-2, R-KIOSK-3, R-KIOSK-4): what the renderer may ask of the kiosk's main process through
 * `window.kiosk`. Every Host call of the table (host-calls.ts) plus the kiosk's own, one schema
 * per channel, and `KioskApi` derived from them, so the preload, the IPC handlers and the
 * Playwright stand-in cannot drift (electron/fiddle).
 * The renderer gets screen data only; the visitor's token never crosses this bridge.
 */
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
  locale: z.enum(kioskLocales),
  idleTimeoutSeconds: z.number().int().positive(),
  idleWarningSeconds: z.number().int().positive(),
  /** Issue 13: show the on-screen keyboard (main's decision from the policy and the touch screen). */
  onScreenKeyboard: z.boolean(),
});
export type KioskStatus = z.infer<typeof KioskStatus>;

export const EnrollResult = z.strictObject({ terminalId: z.string(), office: z.string().optional() });
export type EnrollResult = z.infer<typeof EnrollResult>;

const kioskOnlySchemas = {
  /** What the shell needs at start: enrolled?, how the key is kept, idle settings, locale. */
  status: { input: Empty, output: KioskStatus },
  /** 端末登録: the service URL and the one-time enrollment code IT staff issued. */
  enroll: {
    input: z.strictObject({
      serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
      code: z.string().min(1).max(64),
    }),
    output: EnrollResult,
  },
  /** Input seen by the page (pointer, touch, keys): feeds the idle guard. */
  activity: { input: Empty, output: Empty },
  /** 「ログインを続ける」 on the idle overlay. */
  continueSession: { input: Empty, output: Empty },
  /** The hidden exit for IT staff, after the key chord. */
  adminExit: { input: z.strictObject({ pin: z.string().min(1).max(64) }), output: Empty },
} as const satisfies Record<KioskOnlyCall, { input: z.ZodType; output: z.ZodType }>;

type KioskSchemas = HostCallSchemas & typeof kioskOnlySchemas;

/** R-KIOSK-3: a kiosk never remembers a device, so `rememberDevice: true` is refused. */
const KioskOtpInput = z.strictObject({ otp: OtpCode, rememberDevice: z.literal(false) });

type KioskInputSchemas = {
  [C in KioskChannel]: C extends 'submitOtp' ? typeof KioskOtpInput : KioskSchemas[C]['input'];
};

export const kioskInputs: KioskInputSchemas = {
  ...(Object.fromEntries(hostCallNames.map((name) => [name, hostCallSchemas[name].input])) as {
    [C in HostCallName]: HostCallSchemas[C]['input'];
  }),
  submitOtp: KioskOtpInput,
  ...(Object.fromEntries(Object.entries(kioskOnlySchemas).map(([name, s]) => [name, s.input])) as {
    [C in KioskOnlyCall]: (typeof kioskOnlySchemas)[C]['input'];
  }),
};

/** What each channel answers. Calls resolve with results; they do not throw for service answers. */
export type KioskOutputs = { [C in KioskChannel]: HostResult<DataOf<KioskSchemas[C]['output']>> };

export type KioskInput<C extends KioskChannel> = z.input<KioskInputSchemas[C]>;
export type KioskParsedInput<C extends KioskChannel> = z.output<KioskInputSchemas[C]>;

/** `window.kiosk`: declared once; the preload builds it from the channel list. */
export type KioskApi = { [C in KioskChannel]: HostMethod<KioskInput<C>, KioskOutputs[C]> } & {
  /** Subscribe to pushed events; returns the unsubscribe function. */
  onEvent(listener: (event: KioskEvent) => void): () => void;
  /**
   * Set only by the kiosk preview in Chromium (`npm start` without Electron: the kiosk host of
   * test/support/kiosk-host), so the page marks itself プレビュー. Electron's preload never sets it.
   */
  readonly preview?: true;
};

/** Pushed from main to the page. */
export const KioskEvent = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('idle-active') }),
  z.strictObject({ type: z.literal('idle-warning'), secondsLeft: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('admin-prompt') }),
  /** Issue 13: the service cannot be reached (「ただいまご利用いただけません」) / answers again. */
  z.strictObject({ type: z.literal('service-offline') }),
  z.strictObject({ type: z.literal('service-online') }),
  /** R-FLEET-1: the service refuses this build (「この端末は更新が必要です」) / accepts its heartbeat again. */
  z.strictObject({ type: z.literal('update-required') }),
  z.strictObject({ type: z.literal('update-cleared') }),
]);
export type KioskEvent = z.infer<typeof KioskEvent>;
