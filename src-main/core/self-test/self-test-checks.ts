import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { MetaResponse } from '../../../src-shared/api/schemas.js';
import { ConfigError } from '../config/config-error.js';
import { loadKioskConfig, type LoadedConfig } from '../config/load-config.js';
import type { SettingsStore } from '../ports.js';
import { machineIdHash, type MachineIdSource } from '../terminal/machine-id.js';
import { readTerminalRecord, type TerminalRecord } from '../terminal/terminal-record.js';
import type { MetaAnswer } from './meta-probe.js';

/** One check's verdict, in plain words for IT: what was found and, on failure, what to do next. */
export type CheckOutcome = { status: 'ok' | 'fail' | 'skip'; says: string };

const ok = (says: string): CheckOutcome => ({ status: 'ok', says });
const fail = (says: string): CheckOutcome => ({ status: 'fail', says });
export const skip = (says: string): CheckOutcome => ({ status: 'skip', says });
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The settings store and the policy file, merged and validated exactly as the kiosk does at start. */
export async function checkConfiguration(
  openStore: () => SettingsStore,
  policyPath: string,
): Promise<{ outcome: CheckOutcome; store?: SettingsStore; loaded?: LoadedConfig }> {
  let store: SettingsStore;
  try {
    store = openStore();
  } catch (error) {
    const says = `the kiosk's own settings (kiosk-settings.json in its profile) cannot be read: ${reasonOf(error)}. Remove that file and enroll again (docs/it-staff.md, "Re-enroll a terminal").`;
    return { outcome: fail(says) };
  }
  try {
    const loaded = await loadKioskConfig({ store, policyPath });
    const source = loaded.fromPolicy.size ? `policy file ${policyPath} read` : `no policy file at ${policyPath}`;
    const office = loaded.config.office ? `, office ${loaded.config.office}` : '';
    return { outcome: ok(`${source}${office}; settings valid`), store, loaded };
  } catch (error) {
    const what = error instanceof ConfigError ? error.message : reasonOf(error);
    const says = `${what}. Fix the policy file (docs/it-staff.md, section 2): the kiosk will not start until then.`;
    return { outcome: fail(says), store };
  }
}

/** The enrollment record, made on this machine, with the key it enrolled. */
export async function checkEnrollment(store: SettingsStore, machineId: MachineIdSource): Promise<CheckOutcome> {
  const record = readTerminalRecord(store);
  if (!record) {
    return store.get('terminal') === undefined
      ? fail(
          "this terminal is not enrolled. Issue an enrollment code (staff console, or mypage enroll-code) and type it on the kiosk's enrollment screen.",
        )
      : fail(
          'the enrollment record in kiosk-settings.json is damaged. Re-enroll (docs/it-staff.md, "Re-enroll a terminal").',
        );
  }
  let hash: string;
  try {
    hash = await machineIdHash(machineId);
  } catch (error) {
    return fail(`this machine's ID cannot be read (${reasonOf(error)}): on Linux, check /etc/machine-id.`);
  }
  const who = `terminal ${record.terminalId}${record.office ? ` (${record.office})` : ''}`;
  if (hash !== record.machineIdHash)
    return fail(
      `${who} was enrolled on another machine (the machine ID differs: a cloned or copied profile). Revoke it and enroll this machine again.`,
    );
  const key = await checkKey(record);
  return key.ok ? ok(`${who} enrolled with ${record.serviceUrl}; ${key.says}`) : fail(`${who}: ${key.says}`);
}

async function checkKey(record: TerminalRecord): Promise<{ ok: boolean; says: string }> {
  if (record.key.kind === 'os')
    return record.key.cipher
      ? { ok: true, says: `its key is kept by the OS key store (${record.key.backend}) for the kiosk account` }
      : { ok: false, says: 'its key is missing from the record. Re-enroll.' };
  let pem: string;
  try {
    pem = await readFile(record.key.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? reasonOf(error);
    return {
      ok: false,
      says: `its key file ${record.key.path} cannot be read (${code}). Run the check as the kiosk account; if the file is gone, re-enroll.`,
    };
  }
  try {
    const spki = createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' }).toString('base64');
    if (spki === record.publicKey)
      return { ok: true, says: `its key file ${record.key.path} matches the enrolled key` };
  } catch {
    // fall through: a file that is not a key is as wrong as another key
  }
  return { ok: false, says: `its key file ${record.key.path} is not the key it enrolled. Re-enroll.` };
}

/** The service answered the meta endpoint, as the My Page service does. */
export function checkService(origin: string, answer: MetaAnswer): CheckOutcome {
  if ('error' in answer)
    return fail(
      `${origin} did not answer (${answer.error}). Check the network, the proxy and the service URL; certificate errors: the clock and the certificate.`,
    );
  if (answer.status !== 200)
    return fail(
      `${origin} answered HTTP ${answer.status}. Check the service (GET /readyz on it) and any proxy in between.`,
    );
  if (!MetaResponse.safeParse(answer.body).success)
    return fail(`${origin} answered, but not as the My Page service. Check the service URL and any proxy in between.`);
  return ok(`${origin} answered in ${answer.ms} ms`);
}

/** This machine's clock against the service's Date header (whole seconds, so a second of slack is normal). */
export function checkClock(answer: MetaAnswer, maxSkewMs: number): CheckOutcome {
  if ('error' in answer) return skip('needs an answer from the service');
  const served = answer.date ? Date.parse(answer.date) : Number.NaN;
  if (Number.isNaN(served)) return fail('the service sent no Date header to compare with. Check the proxy in between.');
  const skew = answer.localMidpoint - served;
  const seconds = Math.round(Math.abs(skew) / 1000);
  const limit = `${maxSkewMs / 1000} s allowed`;
  if (Math.abs(skew) <= maxSkewMs) return ok(`within ${seconds} s of the service's clock (${limit})`);
  return fail(
    `this machine's clock is ${seconds} s ${skew > 0 ? 'ahead of' : 'behind'} the service's (${limit}). Turn on time sync (Linux: timedatectl set-ntp true; Windows: w32tm /resync) and check the time zone.`,
  );
}
