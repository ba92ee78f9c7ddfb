// R-KIOSK-5: the fuse table (build/fuse-table.mjs) and the afterPack hook that burns it into the
// packed Electron binary. A visitor must not get Node (RunAsNode, NODE_OPTIONS), a debugger
// (--inspect) or swapped app code (ASAR integrity, only-from-ASAR) out of a shipped kiosk.
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHIPPED_FUSES, TEST_BUILD_DIFFERENCE, fuseConfig, fuseStates, isTestBuild } from '../../build/fuse-table.mjs';
import afterPack, { electronBinaryPath, verifyWire } from '../../build/fuses.mjs';
import { ELECTRON_DEFAULT_WIRE, writeFakeElectron, wireOf } from './support/fake-electron.js';

const knownFuses = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));

describe('R-KIOSK-5 the fuse table', () => {
  it('sets each fuse the kiosk needs, as issue 5 lists them', () => {
    expect(SHIPPED_FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      WasmTrapHandlers: true,
    });
  });

  it('names every fuse @electron/fuses knows, so none is left to chance', () => {
    expect(Object.keys(SHIPPED_FUSES).sort()).toEqual([...knownFuses].sort());
  });

  it('the Playwright test build differs in exactly one fuse: --inspect arguments on', () => {
    const shipped = fuseStates({ testBuild: false });
    const test = fuseStates({ testBuild: true });
    const differences = Object.keys(shipped).filter((name) => shipped[name] !== test[name]);
    expect(differences).toEqual(['EnableNodeCliInspectArguments']);
    expect(test.EnableNodeCliInspectArguments).toBe(true);
    expect(TEST_BUILD_DIFFERENCE).toEqual({ EnableNodeCliInspectArguments: true });
  });

  it('maps names to the wire positions of @electron/fuses', () => {
    const config = fuseConfig({ testBuild: false });
    expect(config.version).toBe('1');
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuseConfig({ testBuild: true })[FuseV1Options.EnableNodeCliInspectArguments]).toBe(true);
    expect(config.strictlyRequireAllFuses).toBe(true);
  });

  it.each([
    [{ KIOSK_TEST_BUILD: '1' }, true],
    [{ KIOSK_TEST_BUILD: 'true' }, true],
    [{ KIOSK_TEST_BUILD: '0' }, false],
    [{ KIOSK_TEST_BUILD: '' }, false],
    [{ KIOSK_TEST_BUILD: 'yes please' }, false],
    [{}, false],
  ])('KIOSK_TEST_BUILD %j selects the test build: %s', (env, expected) => {
    expect(isTestBuild(env)).toBe(expected);
  });
});

describe('R-KIOSK-5 the afterPack hook on an Electron binary', () => {
  let dir: string;
  const context = (platform: 'linux' | 'win32') => ({
    appOutDir: dir,
    electronPlatformName: platform,
    packager: { executableName: 'hellowork-kiosk', appInfo: { productFilename: 'HelloWork Kiosk' } },
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fuses-'));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the executable where electron-builder puts it', () => {
    expect(electronBinaryPath(context('linux'))).toBe(path.join(dir, 'hellowork-kiosk'));
    expect(electronBinaryPath(context('win32'))).toBe(path.join(dir, 'HelloWork Kiosk.exe'));
    expect(() => electronBinaryPath({ ...context('linux'), electronPlatformName: 'darwin' })).toThrow(
      /win32 and linux only/,
    );
  });

  it('shipped build: burns the table into the wire, every fuse of it', async () => {
    vi.stubEnv('KIOSK_TEST_BUILD', '');
    writeFakeElectron(path.join(dir, 'hellowork-kiosk'));
    await afterPack(context('linux'));
    // RunAsNode 0, Cookie 1, NODE_OPTIONS 0, inspect 0, ASAR integrity 1, only ASAR 1, V8 snapshot 0, file:// 0, Wasm 1
    expect(wireOf(readFileSync(path.join(dir, 'hellowork-kiosk')))).toBe('010011001');
  });

  it('test build (KIOSK_TEST_BUILD=1): the same wire but for --inspect', async () => {
    vi.stubEnv('KIOSK_TEST_BUILD', '1');
    writeFakeElectron(path.join(dir, 'HelloWork Kiosk.exe'));
    await afterPack(context('win32'));
    expect(wireOf(readFileSync(path.join(dir, 'HelloWork Kiosk.exe')))).toBe('010111001');
  });

  it('refuses an Electron whose wire has a fuse the table does not name (a newer Electron: decide it first)', async () => {
    writeFakeElectron(path.join(dir, 'hellowork-kiosk'), `${ELECTRON_DEFAULT_WIRE}1`);
    await expect(afterPack(context('linux'))).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('refuses a binary without a fuse wire instead of shipping it unfused', async () => {
    writeFileSync(path.join(dir, 'hellowork-kiosk'), 'not electron');
    await expect(afterPack(context('linux'))).rejects.toThrow(/sentinel/);
  });

  it('verifyWire catches a fuse that did not take', async () => {
    writeFakeElectron(path.join(dir, 'hellowork-kiosk'), ELECTRON_DEFAULT_WIRE);
    const wire = await getCurrentFuseWire(path.join(dir, 'hellowork-kiosk'));
    expect(() => verifyWire(wire, fuseStates({ testBuild: false }))).toThrow(/RunAsNode/);
  });
});
