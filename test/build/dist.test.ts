// R-KIOSK-5: `npm run dist:kiosk` needs the Electron binary, which cannot be downloaded on our
// build machines; it must stop at once with a message that says what is missing and how to get it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveElectronDist } from '../../build/electron-dist.mjs';
import { root } from './support/builder-config.js';

const fakeRoot = mkdtempSync(path.join(tmpdir(), 'electron-dist-'));
afterAll(() => rmSync(fakeRoot, { recursive: true, force: true }));
const withBinary = path.join(fakeRoot, 'with');
mkdirSync(path.join(withBinary, 'node_modules', 'electron', 'dist'), { recursive: true });
writeFileSync(path.join(withBinary, 'node_modules', 'electron', 'dist', 'electron'), '');
const withoutBinary = path.join(fakeRoot, 'without');
mkdirSync(path.join(withoutBinary, 'node_modules', 'electron'), { recursive: true });

const resolve = (root: string, platforms: string[], env: Record<string, string> = {}) =>
  resolveElectronDist({ env, platforms, hostPlatform: 'linux', root, electronVersion: '45.6.1' });

describe('R-KIOSK-5 where the packaged Electron comes from', () => {
  it('the installed binary, when building for this platform', () => {
    expect(resolve(withBinary, ['linux'])).toEqual({ dist: path.join(withBinary, 'node_modules', 'electron', 'dist') });
  });

  it('no binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1): a clear error naming the remedies', () => {
    const result = resolve(withoutBinary, ['linux']);
    expect(result).toHaveProperty('error');
    const { error } = result as { error: string };
    expect(error).toContain('The Electron binary is missing');
    expect(error).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD=1');
    expect(error).toContain('KIOSK_ELECTRON_DIST');
    expect(error).toContain('electron-v45.6.1-win32-x64.zip');
  });

  it('another platform needs that platform’s Electron, even where this one’s is installed', () => {
    expect((resolve(withBinary, ['linux', 'win32']) as { error: string }).error).toContain(
      'Building for win32 on linux',
    );
  });

  it('KIOSK_ELECTRON_DIST: a folder of Electron zips, or "download" on a machine with internet', () => {
    expect(resolve(withoutBinary, ['win32'], { KIOSK_ELECTRON_DIST: fakeRoot })).toEqual({ dist: fakeRoot });
    expect(resolve(withoutBinary, ['win32'], { KIOSK_ELECTRON_DIST: 'download' })).toEqual({ dist: null });
    expect(
      (resolve(withBinary, ['linux'], { KIOSK_ELECTRON_DIST: '/no/such/dir' }) as { error: string }).error,
    ).toContain('does not exist');
  });

  it('npm run dist:kiosk stops before building anything, exit 1, with that message', () => {
    const result = spawnSync(process.execPath, [`${root}build/dist.mjs`, '--linux'], {
      cwd: root,
      env: { ...process.env, KIOSK_ELECTRON_DIST: path.join(fakeRoot, 'missing') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('dist:kiosk: KIOSK_ELECTRON_DIST=');
    expect(result.stdout).not.toContain('build:renderer'); // it stopped first
  });

  const dist = (args: string[], env: Record<string, string>) => {
    const clean = { ...process.env };
    for (const key of ['KIOSK_RELEASE', 'KIOSK_DEB_SIGNING_KEY', 'CSC_LINK', 'WIN_CSC_LINK', 'KIOSK_ELECTRON_DIST'])
      delete clean[key];
    return spawnSync(process.execPath, [`${root}build/dist.mjs`, ...args], {
      cwd: root,
      env: { ...clean, ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
  };

  it('KIOSK_RELEASE=1 refuses to start a build that would not be signed, or a test build', () => {
    const linux = dist(['--linux'], { KIOSK_RELEASE: '1' });
    expect(linux.status).toBe(1);
    expect(linux.stderr).toContain('no signing is configured for linux');
    const win = dist(['--win', '--linux'], { KIOSK_RELEASE: '1', KIOSK_DEB_SIGNING_KEY: 'key' });
    expect(win.stderr).toContain('no signing is configured for win32');
    expect(dist(['--test', '--linux'], { KIOSK_RELEASE: '1', KIOSK_DEB_SIGNING_KEY: 'key' }).stderr).toContain(
      'never the Playwright test build',
    );
    // Signed on every platform: it goes on (and here stops at the missing Electron instead).
    const signed = dist(['--linux'], {
      KIOSK_RELEASE: '1',
      KIOSK_DEB_SIGNING_KEY: 'key',
      KIOSK_ELECTRON_DIST: path.join(fakeRoot, 'missing'),
    });
    expect(signed.stderr).toContain('KIOSK_ELECTRON_DIST=');
  });

  it('package.json wires dist:kiosk and dist:kiosk:test to it', async () => {
    const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
    expect(pkg.scripts['dist:kiosk']).toBe('node build/dist.mjs');
    expect(pkg.scripts['dist:kiosk:test']).toBe('node build/dist.mjs --test');
  });
});
