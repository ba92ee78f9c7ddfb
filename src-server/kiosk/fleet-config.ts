import { z } from 'zod';
import { isKioskVersion } from '../../src-shared/kiosk-version.js';

/**
 * The fleet's settings (issue 22, R-FLEET-1, R-FLEET-2; docs/it-staff.md, "Versions and alerts"):
 * - KIOSK_MINIMUM_VERSION: the lowest kiosk build the service accepts (semver); unset: none. IT may
 *   raise it from the console (最低バージョン); the higher of the two applies.
 * - FLEET_ALERT_MAIL_TO: who is mailed when an office's terminals go 応答なし or come back (comma
 *   list); unset: no alert mail.
 * - FLEET_ALERT_QUIET_HOURS: `22-7` (Asia/Tokyo, from 22:00 to 06:59): changes then are mailed in
 *   one batch when they end; unset: none.
 */
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

export interface QuietHours {
  /** Japan's hour (0–23) they begin, and the hour they end (exclusive). */
  from: number;
  until: number;
}

const HOURS = /^([01]?[0-9]|2[0-3])-([01]?[0-9]|2[0-3])$/;

export function parseQuietHours(text: string): QuietHours | undefined {
  const m = HOURS.exec(text.trim());
  if (!m) return undefined;
  const from = Number(m[1]);
  const until = Number(m[2]);
  return from === until ? undefined : { from, until };
}

/** Whether `at` falls in the quiet hours (Japan has no daylight saving: its hour is UTC + 9). */
export function inQuietHours(quiet: QuietHours | undefined, at: Date): boolean {
  if (!quiet) return false;
  const hour = (at.getUTCHours() + 9) % 24;
  return quiet.from < quiet.until ? hour >= quiet.from && hour < quiet.until : hour >= quiet.from || hour < quiet.until;
}

const Address = z.email();

export const FleetEnv = {
  KIOSK_MINIMUM_VERSION: z.preprocess(
    emptyAsUndefined,
    z.string().refine(isKioskVersion, 'KIOSK_MINIMUM_VERSION must be a semver version, e.g. 1.4.0').optional(),
  ),
  FLEET_ALERT_MAIL_TO: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      )
      .refine(
        (list) => list.every((a) => Address.safeParse(a).success),
        'FLEET_ALERT_MAIL_TO must be mail addresses separated by commas',
      )
      .optional(),
  ),
  FLEET_ALERT_QUIET_HOURS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((s) => parseQuietHours(s) !== undefined, 'FLEET_ALERT_QUIET_HOURS must be two hours, e.g. 22-7')
      .optional(),
  ),
};

export interface FleetConfig {
  minimumVersion: string | null;
  alertMailTo: string[];
  quietHours: QuietHours | undefined;
}

type FleetEnvValues = {
  [K in keyof typeof FleetEnv]?: z.output<(typeof FleetEnv)[K]>;
};

export function fleetConfig(e: FleetEnvValues): FleetConfig {
  return {
    minimumVersion: e.KIOSK_MINIMUM_VERSION ?? null,
    alertMailTo: e.FLEET_ALERT_MAIL_TO ?? [],
    quietHours: e.FLEET_ALERT_QUIET_HOURS === undefined ? undefined : parseQuietHours(e.FLEET_ALERT_QUIET_HOURS),
  };
}
