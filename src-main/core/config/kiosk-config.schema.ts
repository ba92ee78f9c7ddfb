import { z } from 'zod';
import {
  R_KIOSK_4_IDLE_TIMEOUT_MS,
  R_KIOSK_4_IDLE_WARNING_MIN_MS,
  R_KIOSK_4_IDLE_WARNING_MS,
} from '../../../src-shared/rules.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https everywhere; plain http only to this machine (development and the test suites). */
export const ServiceUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((raw) => {
    const url = new URL(raw);
    return url.protocol === 'https:' || LOOPBACK.has(url.hostname);
  }, 'must be https:// (plain http:// only to localhost)');

/** `scrypt$N$r$p$salt$hash` (base64), made by `hashAdminPin` — never the PIN itself. */
export const AdminPinHash = z
  .string()
  .regex(
    /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
    'must be a hash made by `npm run kiosk:hash-pin`',
  );

export const OnScreenKeyboardPolicy = z.enum(['auto', 'always', 'never']);
export type OnScreenKeyboardPolicy = z.infer<typeof OnScreenKeyboardPolicy>;

/** Every setting, each optional: a source (store or policy) gives only what it sets. */
export const KioskSettings = z.strictObject({
  serviceUrl: ServiceUrl.optional(),
  office: z.string().min(1).max(100).optional(),
  idleTimeoutSeconds: z.number().int().min(30).max(3600).optional(),
  // R-KIOSK-4: at least 20 s (WCAG 2.2.1: time to find 「延長する」).
  idleWarningSeconds: z
    .number()
    .int()
    .min(R_KIOSK_4_IDLE_WARNING_MIN_MS / 1000)
    .max(300)
    .optional(),
  locale: z.enum(['ja', 'en']).optional(),
  /** R-KIOSK-4: a new process after this many visitors (each had a partition Electron never frees). */
  restartAfterVisitors: z.number().int().min(1).max(10_000).optional(),
  /** R-KIOSK-4: a daily restart once past this hour (local time), while nobody is at the kiosk; null: none. */
  restartAtHour: z.number().int().min(0).max(23).nullable().optional(),
  adminPinHash: AdminPinHash.optional(),
  /** Issue 13: the on-screen keyboard — `auto` shows it when the terminal reports a touch screen. */
  onScreenKeyboard: OnScreenKeyboardPolicy.optional(),
});
export type KioskSettings = z.infer<typeof KioskSettings>;
export const settingKeys = Object.keys(KioskSettings.shape) as (keyof KioskSettings)[];

export const defaultSettings = {
  idleTimeoutSeconds: R_KIOSK_4_IDLE_TIMEOUT_MS / 1000,
  idleWarningSeconds: R_KIOSK_4_IDLE_WARNING_MS / 1000,
  locale: 'ja',
  restartAfterVisitors: 200,
  restartAtHour: 4,
  onScreenKeyboard: 'auto',
} as const satisfies KioskSettings;

/** The merged configuration the kiosk runs with. */
export const KioskConfig = KioskSettings.required({
  idleTimeoutSeconds: true,
  idleWarningSeconds: true,
  locale: true,
  restartAfterVisitors: true,
  restartAtHour: true,
  onScreenKeyboard: true,
}).refine((c) => c.idleWarningSeconds < c.idleTimeoutSeconds, {
  message: 'idleWarningSeconds must be shorter than idleTimeoutSeconds',
  path: ['idleWarningSeconds'],
});
export type KioskConfig = z.infer<typeof KioskConfig>;
