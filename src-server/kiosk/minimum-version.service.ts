import { higherKioskVersion, isBelowMinimum, kioskVersionKey } from '../../src-shared/kiosk-version.js';
import type { AppDeps } from '../app-deps.js';
import type { Clock } from '../clock.js';
import type { Db, Executor } from '../db/schema.js';
import type { AttestationVerifier } from '../login/attestation-verifier.js';
import { findTerminal } from './kiosk.repository.js';
import { MINIMUM_VERSION_SETTING, readSetting, writeSetting } from './service-settings.repository.js';

type Deps = { db: Executor; config: Pick<AppDeps['config'], 'fleet'> };

/**
 * R-FLEET-1: the lowest kiosk version the service accepts. `configured`: KIOSK_MINIMUM_VERSION (the
 * deployment's floor); `console`: what IT set on 端末一覧 (最低バージョン); `effective`: the higher
 * of the two — IT can raise the floor from the console at once, but never lower it below what the
 * deployment set (a stolen IT session cannot re-admit a build the deployment refused).
 */
export interface MinimumVersion {
  effective: string | null;
  configured: string | null;
  console: string | null;
}

export async function minimumVersion(deps: Deps): Promise<MinimumVersion> {
  const configured = deps.config.fleet.minimumVersion;
  const fromConsole = (await readSetting(deps.db, MINIMUM_VERSION_SETTING)) ?? null;
  return { effective: higherKioskVersion(configured, fromConsole), configured, console: fromConsole };
}

/** The effective minimum's key (src-shared/kiosk-version.ts), for the SQL that counts terminals below it. */
export async function minimumVersionKey(deps: Deps): Promise<string | null> {
  const { effective } = await minimumVersion(deps);
  return effective === null ? null : (kioskVersionKey(effective) ?? null);
}

/** A heartbeat that reported `version` (recorded already) is refused: 403 `kiosk_update_required`. */
export async function versionRefused(deps: Deps, version: string): Promise<boolean> {
  return isBelowMinimum(version, (await minimumVersion(deps)).effective);
}

/**
 * A kiosk login naming `terminalId` is refused before anything else (403 `kiosk_update_required`)
 * when the version that terminal last reported in a signed heartbeat (or at enrollment) is below
 * the minimum: an old build does not know to send its version with a login, so its signed
 * heartbeats are what the service believes. An unknown terminal is not refused here: the login's
 * attestation check then fails as it always does.
 */
export async function terminalRefused(deps: Deps, terminalId: string): Promise<boolean> {
  const { effective } = await minimumVersion(deps);
  if (effective === null) return false;
  const terminal = await findTerminal(deps.db, terminalId);
  return terminal !== undefined && terminal.revoked_at === null && isBelowMinimum(terminal.version, effective);
}

/**
 * 最低バージョン: sets (or, with null, clears) the console's minimum; `alsoInTransaction` (the staff
 * audit row naming who did it) commits with it. Answers the value before, for the audit row.
 */
export async function setConsoleMinimumVersion(
  deps: { db: Db; clock: Clock },
  version: string | null,
  alsoInTransaction: (trx: Executor, previous: string | null) => Promise<void>,
): Promise<{ previous: string | null }> {
  return deps.db.transaction().execute(async (trx) => {
    const previous = (await readSetting(trx, MINIMUM_VERSION_SETTING)) ?? null;
    await writeSetting(trx, MINIMUM_VERSION_SETTING, version, deps.clock.now().getTime());
    await alsoInTransaction(trx, previous);
    return { previous };
  });
}

/** The login's verifier with R-FLEET-1's gate (composeService): `verifier` checks attestations as before. */
export function withMinimumVersion(
  verifier: AttestationVerifier,
  config: Pick<AppDeps['config'], 'fleet'>,
): AttestationVerifier {
  return { ...verifier, updateRequired: (db, terminalId) => terminalRefused({ db, config }, terminalId) };
}
