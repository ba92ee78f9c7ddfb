// Issue 22 item 7: the _electron suite checks that the Electron it is pointed at
// (KIOSK_ELECTRON_PATH, or node_modules/electron/dist) is the pinned one, and says what it expects.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronVersionAt, electronVersionProblem, pinnedElectronVersion } from '../../build/electron-dist.mjs';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), 'electron-version-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeElectron(script: string): string {
  const binary = path.join(dir, 'electron');
  writeFileSync(binary, `#!/bin/sh\n${script}\n`);
  chmodSync(binary, 0o755);
  return binary;
}

describe('which Electron the _electron suite runs on', () => {
  it('expects the Electron in node_modules (the one package.json pins, type-checked and packed)', () => {
    expect(pinnedElectronVersion({ root })).toMatch(/^45\.\d+\.\d+$/);
  });

  it('reads the version file every Electron distribution has beside its binary', () => {
    const binary = fakeElectron('exit 1');
    writeFileSync(path.join(dir, 'version'), 'v45.6.1\n');
    expect(electronVersionAt(binary)).toBe('45.6.1');
  });

  it('else asks the binary (--version)', () => {
    expect(electronVersionAt(fakeElectron('echo v44.11.5'))).toBe('44.11.5');
    expect(electronVersionAt(fakeElectron('exit 3'))).toBeUndefined();
  });

  it('the pinned version passes; another one fails with what it found and what it expects', () => {
    expect(electronVersionProblem({ binary: '/opt/e/electron', found: '45.6.1', expected: '45.6.1' })).toBeUndefined();
    const problem = electronVersionProblem({ binary: '/opt/e/electron', found: '41.7.1', expected: '45.6.1' });
    expect(problem).toContain('/opt/e/electron is Electron 41.7.1');
    expect(problem).toContain('Point KIOSK_ELECTRON_PATH at Electron 45.6.1');
    expect(problem).toContain('electron-v45.6.1-<platform>-x64.zip');
    expect(electronVersionProblem({ binary: '/x', found: undefined, expected: '45.6.1' })).toContain('unknown version');
  });
});
