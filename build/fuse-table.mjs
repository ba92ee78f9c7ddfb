// The kiosk's Electron fuses, written once: the afterPack hook (build/fuses.mjs) flips them and
// test/build reads them. Why each fuse is set so: docs/build.md ("The fuse table").
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * Fuse name (as @electron/fuses spells it) → state in the shipped build.
 * @type {Readonly<Record<string, boolean>>}
 */
export const SHIPPED_FUSES = Object.freeze({
  RunAsNode: false, // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node.
  EnableCookieEncryption: true, // cookies on disk (if any ever are) are OS-encrypted.
  EnableNodeOptionsEnvironmentVariable: false, // NODE_OPTIONS=--require could inject code.
  EnableNodeCliInspectArguments: false, // --inspect would open a debugger into main.
  EnableEmbeddedAsarIntegrityValidation: true, // a swapped app.asar refuses to load (Windows).
  OnlyLoadAppFromAsar: true, // no resources/app folder next to app.asar is ever loaded.
  LoadBrowserProcessSpecificV8Snapshot: false, // Electron's default; we ship no custom snapshot.
  GrantFileProtocolExtraPrivileges: false, // file:// pages get no extra fetch/worker rights.
  WasmTrapHandlers: true, // Electron's default: V8's WebAssembly bounds checks by trap handler.
});

/**
 * The only fuse the Playwright test build changes: `_electron.launch` needs --inspect.
 * @type {Readonly<Record<string, boolean>>}
 */
export const TEST_BUILD_DIFFERENCE = Object.freeze({ EnableNodeCliInspectArguments: true });

/**
 * KIOSK_TEST_BUILD=1 (or "true") selects the Playwright test build; anything else ships.
 * @param {Record<string, string | undefined>} env
 */
export function isTestBuild(env = process.env) {
  return env.KIOSK_TEST_BUILD === '1' || env.KIOSK_TEST_BUILD === 'true';
}

/**
 * Fuse name → state for the shipped or the test build.
 * @param {{ testBuild: boolean }} flavour
 * @returns {Readonly<Record<string, boolean>>}
 */
export function fuseStates({ testBuild }) {
  return Object.freeze({ ...SHIPPED_FUSES, ...(testBuild ? TEST_BUILD_DIFFERENCE : {}) });
}

/**
 * The @electron/fuses config, with `strictlyRequireAllFuses`: every fuse in the binary's wire must
 * be named here, so an Electron upgrade that adds a fuse fails the build (update @electron/fuses
 * and decide the new fuse in the table) instead of shipping it at a default nobody chose.
 */
export function fuseConfig({ testBuild }) {
  /** @type {import('@electron/fuses').FuseV1Config & Record<number, boolean>} */
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature: false, strictlyRequireAllFuses: true };
  for (const [name, on] of Object.entries(fuseStates({ testBuild }))) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses knows no fuse named ${name}`);
    config[index] = on;
  }
  return config;
}
