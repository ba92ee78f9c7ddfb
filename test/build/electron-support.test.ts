// Issue 22 item 5: the kiosk ships an Electron that still gets security fixes, and falling behind
// is visible — the pinned major is compared with the registry's supported lines (Electron's
// latest three stable majors); the build suite fails once it has left them. Offline, it says so
// and skips.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SUPPORTED_LINES,
  newestOfMajor,
  pinnedMajor,
  registryVersions,
  supportedMajors,
} from '../../build/electron-support.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const pkg = readJson('package.json') as { devDependencies: Record<string, string> };
const installed = (readJson('node_modules/electron/package.json') as { version: string }).version;
const pinned = pinnedMajor(pkg.devDependencies.electron);

describe('the supported lines, computed', () => {
  const versions = ['41.7.1', '42.0.0', '43.9.1', '44.11.5', '45.0.0', '45.6.1', '45.10.0', '46.0.0-beta.3'];

  it('are the newest three stable majors; a beta of the next major does not count', () => {
    expect(SUPPORTED_LINES).toBe(3);
    expect(supportedMajors(versions)).toEqual([43, 44, 45]); // 41 and 42 have left: the check fails for them
    expect(supportedMajors([...versions, '46.0.0'])).toEqual([44, 45, 46]);
    expect(() => supportedMajors(['46.0.0-alpha.1'])).toThrow(/no stable/);
  });

  it('the newest release of a major compares numerically', () => {
    expect(newestOfMajor(versions, 45)).toBe('45.10.0');
    expect(newestOfMajor(versions, 46)).toBeUndefined();
  });

  it('the pinned major is read from package.json, and node_modules holds that major', () => {
    expect(pinnedMajor('^45.6.1')).toBe(45);
    expect(() => pinnedMajor('latest')).toThrow(/pins no Electron/);
    expect(Number(installed.split('.')[0])).toBe(pinned);
  });
});

const registry = registryVersions();
if ('unreachable' in registry)
  console.log(
    `electron-support.test: the npm registry cannot be reached, so whether Electron ${pinned} is still supported is NOT checked: ${registry.unreachable}`,
  );

describe.skipIf('unreachable' in registry)('the pinned Electron, against the npm registry today', () => {
  it(`Electron ${pinned} (package.json) is one of the ${SUPPORTED_LINES} majors that get security fixes`, () => {
    const versions = registry.versions ?? [];
    const supported = supportedMajors(versions);
    const newest = newestOfMajor(versions, pinned);
    console.log(
      `electron-support.test: pinned ${pkg.devDependencies.electron} (installed ${installed}); supported majors ` +
        `${supported.join(', ')}; newest ${pinned}.x is ${newest}` +
        (newest !== installed ? ` — take it (security minors at once: docs/build.md)` : ''),
    );
    expect(supported, `Electron ${pinned} has left support: move to ${supported.at(-1)} (docs/build.md)`).toContain(
      pinned,
    );
  });
});
