import type { SettingsStore } from '../ports.js';
import { ConfigError, describeIssues } from './config-error.js';
import { defaultSettings, KioskConfig, KioskSettings, settingKeys } from './kiosk-config.schema.js';
import { readPolicyFile } from './policy-file.js';

export type LoadedConfig = {
  config: KioskConfig;
  /** The keys IT fixed in the policy file: the kiosk may not change them. */
  fromPolicy: ReadonlySet<keyof KioskSettings>;
};

/** The user-level settings, each key read from the store (electron-store keeps other records too). */
export function readStoreSettings(store: SettingsStore): KioskSettings {
  const raw: Record<string, unknown> = {};
  for (const key of settingKeys) {
    const value = store.get(key);
    if (value !== undefined) raw[key] = value;
  }
  const parsed = KioskSettings.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`the kiosk settings are invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Defaults < user-level store < machine-wide policy. Anything invalid throws a ConfigError. */
export async function loadKioskConfig(input: { store: SettingsStore; policyPath: string }): Promise<LoadedConfig> {
  const policy = await readPolicyFile(input.policyPath);
  const merged = { ...defaultSettings, ...readStoreSettings(input.store), ...policy };
  const parsed = KioskConfig.safeParse(merged);
  if (!parsed.success) throw new ConfigError(`the kiosk configuration is invalid: ${describeIssues(parsed.error)}`);
  return { config: parsed.data, fromPolicy: new Set(Object.keys(policy) as (keyof KioskSettings)[]) };
}
