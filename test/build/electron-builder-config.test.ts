// R-KIOSK-5: the installer configuration IT's signed builds come from, checked against
// electron-builder 26's own JSON schema and against what a kiosk build must and must not contain.
import { Ajv } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  builderSchema,
  builderValidates,
  loadBuilderConfig,
  root,
  type BuilderConfig,
} from './support/builder-config.js';

const { FileMatcher } = createRequire(import.meta.url)('app-builder-lib/out/fileMatcher');

let config: BuilderConfig;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

// strict: false because the schema uses electron-builder's own keyword `typeof: "function"`.
const validate = new Ajv({ strict: false, allErrors: true }).compile(builderSchema);

describe('R-KIOSK-5 electron-builder.yml against electron-builder 26 scheme.json', () => {
  it('validates with ajv and with electron-builder itself', async () => {
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    await builderValidates(config);
  });

  it('the schema check can fail: a misspelt option and a wrong type are rejected', () => {
    expect(validate({ ...config, nsis: { ...config.nsis, perMachin: true } })).toBe(false);
    expect(validate({ ...config, asar: 'yes' })).toBe(false);
  });

  it('pins electron-builder to major 26 (27 changes the signing options)', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(pkg.devDependencies['electron-builder']).toBe('^26');
    const installed = JSON.parse(readFileSync(`${root}node_modules/electron-builder/package.json`, 'utf8'));
    expect(installed.version).toMatch(/^26\./);
  });
});

describe('R-KIOSK-5 targets and installers', () => {
  const targets = (platform: string) =>
    config[platform].target.map((t: { target: string; arch: string[] }) => `${t.target}:${t.arch.join(',')}`);

  it('Windows: NSIS and MSI, x64, both per machine and not one-click', () => {
    expect(targets('win')).toEqual(['nsis:x64', 'msi:x64']);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, runAfterFinish: false });
    expect(config.msi).toMatchObject({ perMachine: true, oneClick: false, runAfterFinish: false });
    expect(config.msi.upgradeCode).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
  });

  it('Linux: deb and AppImage, x64', () => {
    expect(targets('linux')).toEqual(['deb:x64', 'AppImage:x64']);
    expect(config.linux.executableName).toBe('hellowork-kiosk');
  });

  it('artifact names carry the version, the OS and the architecture', () => {
    expect(config.artifactName).toBe('hellowork-kiosk-${version}-${os}-${arch}.${ext}');
    for (const platform of ['win', 'linux', 'nsis', 'msi', 'deb', 'appImage'])
      expect(config[platform]?.artifactName).toBeUndefined();
  });

  it('no publish provider: updates come from IT, never from the web', () => {
    expect(config.publish).toBeNull();
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })).not.toContain('electron-updater');
  });

  it('signing material is never in the configuration, only in the environment', () => {
    const text = JSON.stringify(config);
    for (const key of ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'certificateSha1']) {
      expect(text).not.toContain(`"${key}"`);
    }
    expect(config.win.signtoolOptions.signingHashAlgorithms).toEqual(['sha256']);
  });

  it('build resources and icons: build/, with the .ico for Windows and the PNG set for Linux', () => {
    expect(config.directories.buildResources).toBe('build');
    expect(existsSync(`${root}${config.win.icon}`)).toBe(true);
    expect(existsSync(`${root}${config.linux.icon}/512x512.png`)).toBe(true);
  });

  it('the afterPack hook is the fuse hook, and it exists', () => {
    expect(config.afterPack).toBe('./build/fuses.mjs');
    expect(existsSync(`${root}build/fuses.mjs`)).toBe(true);
  });
});

describe('R-KIOSK-5 only what the app needs goes into app.asar', () => {
  it('asar on; the bundled main is the entry point; no dependencies are declared or rebuilt', () => {
    expect(config.asar).toBe(true);
    expect(config.extraMetadata.main).toMatch(/^dist\/kiosk\/[\w.-]+\.c?js$/);
    expect(config.extraMetadata.dependencies).toBeNull();
    expect(config.extraMetadata.bin).toBeNull();
    expect(config.npmRebuild).toBe(false);
  });

  // electron-builder's own file matcher decides, with the globs of electron-builder.yml.
  const included = (file: string) => {
    const globs: string[] = config.files.flatMap((set: { filter?: string[] }) => set.filter ?? []);
    const filter = new FileMatcher(root, '/app', (s: string) => s, globs).createFilter();
    return filter(`${root}${file}`, { isDirectory: () => false, isFile: () => true }) as boolean;
  };

  it.each([
    'package.json',
    'dist/kiosk/main.cjs',
    'dist/kiosk/preload.cjs',
    'dist/renderer/index.html',
    'dist/renderer/assets/index-abc123.js',
  ])('ships %s', (file) => expect(included(file)).toBe(true));

  it.each([
    'test/build/fuses.test.ts',
    'test/e2e/kiosk.spec.ts',
    'src-main/electron/main.ts',
    'src-main/core/config/policy-file.ts',
    'src-server/app.ts',
    'src-renderer/App.svelte',
    'src-shared/rules.ts',
    'dist/kiosk/main.cjs.map',
    'dist/renderer/assets/index-abc123.js.map',
    'node_modules/vitest/package.json',
    'node_modules/electron/package.json',
    'node_modules/fastify/package.json',
    'electron-builder.yml',
    'build/fuses.mjs',
    'docs/it-staff.md',
    'dist/installers/hellowork-kiosk-0.1.0-linux-x64.deb',
  ])('does not ship %s', (file) => expect(included(file)).toBe(false));
});
