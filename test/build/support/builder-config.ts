// electron-builder.yml as electron-builder itself reads it (its own loader, so YAML quirks and
// `extends` resolve exactly as in a real build), plus electron-builder's JSON schema.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/?$/, '/');
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- electron-builder's resolved config is untyped JSON here
export type BuilderConfig = Record<string, any>;

export async function loadBuilderConfig(): Promise<BuilderConfig> {
  return getConfig(root, 'electron-builder.yml', null);
}

/** electron-builder's own check, as `electron-builder` runs it before building. */
export async function builderValidates(config: BuilderConfig): Promise<void> {
  await validateConfiguration(config, { isEnabled: false, add() {} });
}

export const builderSchema = JSON.parse(readFileSync(`${root}node_modules/app-builder-lib/scheme.json`, 'utf8'));
