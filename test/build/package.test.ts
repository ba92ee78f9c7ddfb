// R-KIOSK-5: electron-builder really packs the kiosk as electron-builder.yml says — app.asar holds
// only the bundle, the screens and package.json; the afterPack hook burns the fuses into the
// packed binary; unsigned builds say so. (Only the Electron binary is a stand-in here.)
import { createRequire } from 'node:module';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireOf } from './support/fake-electron.js';
import { makeFixtureProject, packLinuxDir } from './support/pack-fixture.js';

const asar = createRequire(import.meta.url)('@electron/asar');
let project: string;
let shipped: { status: number | null; output: string };
let testBuild: { status: number | null; output: string };

beforeAll(() => {
  const fixture = makeFixtureProject();
  project = fixture.dir;
  shipped = packLinuxDir(project, fixture.electronDist, 'out-shipped', {});
  testBuild = packLinuxDir(project, fixture.electronDist, 'out-test', { KIOSK_TEST_BUILD: '1' });
}, 240_000);
afterAll(() => rmSync(path.dirname(project), { recursive: true, force: true }));

const unpacked = (out: string) => path.join(project, out, 'linux-unpacked');

describe('R-KIOSK-5 electron-builder packs the kiosk (linux-unpacked, the stage of deb and AppImage)', () => {
  it('electron-builder succeeds for both flavours', () => {
    expect(shipped.output).not.toMatch(/^\s*FAIL|Error:/m);
    expect(shipped.status).toBe(0);
    expect(testBuild.status).toBe(0);
  });

  it('app.asar holds exactly the kiosk bundle, the screens and package.json', () => {
    const entries: string[] = asar.listPackage(path.join(unpacked('out-shipped'), 'resources', 'app.asar'), {
      isPack: false,
    });
    const files = entries
      .filter((e) => /\.\w+$/.test(e))
      .map((e) => e.replace(/^[\\/]/, ''))
      .sort();
    expect(files).toEqual([
      'dist/kiosk/main.cjs',
      'dist/kiosk/preload.cjs',
      'dist/renderer/assets/index-abc.js',
      'dist/renderer/index.html',
      'package.json',
    ]);
  });

  it('the packed package.json starts the bundled main and declares no dependencies', () => {
    const pkg = JSON.parse(
      asar.extractFile(path.join(unpacked('out-shipped'), 'resources', 'app.asar'), 'package.json').toString(),
    );
    expect(pkg.main).toBe('dist/kiosk/main.cjs');
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts).toBeUndefined();
  });

  it('the profile folder is the same in every version: the packed name, no productName (issue 22: updates and roll-backs keep the enrollment)', () => {
    // Electron names the user-data folder after package.json's productName, else its name.
    const pkg = JSON.parse(
      asar.extractFile(path.join(unpacked('out-shipped'), 'resources', 'app.asar'), 'package.json').toString(),
    );
    expect(pkg.name).toBe('hellowork-kiosk');
    expect(pkg.productName).toBeUndefined();
  });

  it('nothing beside app.asar could be loaded instead (no resources/app folder)', () => {
    expect(existsSync(path.join(unpacked('out-shipped'), 'resources', 'app'))).toBe(false);
  });

  it('the shipped binary carries the kiosk fuses; the test build differs only in --inspect', () => {
    const wire = (out: string) => wireOf(readFileSync(path.join(unpacked(out), 'hellowork-kiosk')));
    expect(wire('out-shipped')).toBe('010011001');
    expect(wire('out-test')).toBe('010111001');
    expect(shipped.output).toContain('fuses set for the shipped build');
    expect(testBuild.output).toContain('fuses set for the PLAYWRIGHT TEST build');
  });

  it('the Linux kiosk-session files travel with the app', () => {
    for (const file of [
      'hellowork-kiosk-loop.sh',
      'hellowork-kiosk-session.desktop',
      'hellowork-kiosk-autostart.desktop',
      'setup-kiosk-user.sh',
    ]) {
      expect(existsSync(path.join(unpacked('out-shipped'), 'kiosk-session', file))).toBe(true);
    }
  });

  it('an unsigned build says so loudly', () => {
    expect(shipped.output).toContain('UNSIGNED linux BUILD');
  });
});
