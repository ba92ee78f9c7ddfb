// R-KIOSK-5: the kiosk starts at login of the kiosk account and comes back when it exits, on both
// platforms: the Linux session (cage + restart loop + XDG autostart) and Windows Shell Launcher v2.
// Paths in these files must match where the installers put the app (electron-builder.yml).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuilderConfig, root, type BuilderConfig } from './support/builder-config.js';

let config: BuilderConfig;
beforeAll(async () => {
  config = await loadBuilderConfig();
});
const read = (file: string) => readFileSync(`${root}build/${file}`, 'utf8');
/** key=value lines of a .desktop file's [Desktop Entry] group. */
const desktopEntry = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((l) => /^[A-Za-z-]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

describe('R-KIOSK-5 Linux: restart-on-exit loop', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-loop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fakeKiosk = (exitCodes: number[]) => {
    const kiosk = path.join(dir, 'kiosk');
    // Each run records itself and exits with the next code of the list.
    writeFileSync(
      kiosk,
      `#!/bin/sh\nn=$(wc -l < "${dir}/runs" 2>/dev/null || echo 0)\necho run >> "${dir}/runs"\nset -- ${exitCodes.join(' ')}\nshift $n\nexit $1\n`,
    );
    chmodSync(kiosk, 0o755);
    rmSync(path.join(dir, 'runs'), { force: true });
    return kiosk;
  };
  const loop = (kiosk: string) =>
    spawnSync('sh', [`${root}build/linux/hellowork-kiosk-loop.sh`], {
      env: { ...process.env, KIOSK_BIN: kiosk, KIOSK_RESTART_DELAY: '0' },
      timeout: 20_000,
    });
  const runs = () => readFileSync(path.join(dir, 'runs'), 'utf8').trim().split('\n').length;

  it('restarts the kiosk after a crash, a kill and a normal exit; the IT exit (64) ends the session', () => {
    const result = loop(fakeKiosk([1, 137, 0, 64]));
    expect(result.status).toBe(0);
    expect(runs()).toBe(4);
  });

  it('the IT exit on the first run stops at once', () => {
    expect(loop(fakeKiosk([64])).status).toBe(0);
    expect(runs()).toBe(1);
  });
});

describe('R-KIOSK-5 Linux: the kiosk account’s session', () => {
  const installed = () => `/opt/${config.productName}/${config.linux.extraFiles[0].to}/hellowork-kiosk-loop.sh`;

  it('the cage session runs only the restart loop, from where the .deb installs it', () => {
    const entry = desktopEntry(read('linux/hellowork-kiosk-session.desktop'));
    expect(entry.Type).toBe('Application');
    expect(entry.Exec).toBe(`cage -d -- "${installed()}"`);
    expect(entry.TryExec).toBe('cage');
  });

  it('XDG autostart starts the same loop at login, hidden from menus', () => {
    const entry = desktopEntry(read('linux/hellowork-kiosk-autostart.desktop'));
    expect(entry.Exec).toBe(`"${installed()}"`);
    expect(entry.NoDisplay).toBe('true');
  });

  it('the loop starts the binary the .deb links into /usr/bin', () => {
    expect(read('linux/hellowork-kiosk-loop.sh')).toContain(
      `KIOSK_BIN="\${KIOSK_BIN:-/usr/bin/${config.linux.executableName}}"`,
    );
  });

  const validator = spawnSync('desktop-file-validate', ['--help']).status === 0;
  if (!validator)
    console.log(
      'kiosk-session.test: .desktop validation skipped: desktop-file-validate is not installed (apt-get install desktop-file-utils)',
    );
  it.skipIf(!validator)('the .desktop files pass desktop-file-validate', () => {
    const result = spawnSync(
      'desktop-file-validate',
      [`${root}build/linux/hellowork-kiosk-session.desktop`, `${root}build/linux/hellowork-kiosk-autostart.desktop`],
      { encoding: 'utf8' },
    );
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;
  if (!shellcheck)
    console.log('kiosk-session.test: shellcheck skipped: shellcheck is not installed (apt-get install shellcheck)');
  it.skipIf(!shellcheck)('the shell scripts pass shellcheck', () => {
    const scripts = [
      'linux/hellowork-kiosk-loop.sh',
      'linux/setup-kiosk-user.sh',
      'sign-deb.sh',
      'debsig-trust.sh',
    ].map((f) => `${root}build/${f}`);
    const result = spawnSync('shellcheck', ['-s', 'sh', ...scripts], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });

  it('the setup script and the loop are valid sh', () => {
    for (const file of [
      'linux/hellowork-kiosk-loop.sh',
      'linux/setup-kiosk-user.sh',
      'sign-deb.sh',
      'debsig-trust.sh',
    ]) {
      expect(spawnSync('sh', ['-n', `${root}build/${file}`]).status, file).toBe(0);
    }
  });
});

describe('R-KIOSK-5 Windows: Shell Launcher v2 with restart-on-exit', () => {
  const xml = () => read('windows/shell-launcher.xml');

  it('uses the Shell Launcher 2018 schema with the 2019 (v2) extensions', () => {
    expect(xml()).toContain('xmlns="http://schemas.microsoft.com/ShellLauncher/2018/Configuration"');
    expect(xml()).toContain('xmlns:V2="http://schemas.microsoft.com/ShellLauncher/2019/Configuration"');
  });

  it('the kiosk account’s shell is the per-machine install of the app; others keep Explorer', () => {
    const shells = [...xml().matchAll(/<Shell Shell="([^"]+)"/g)].map((m) => m[1]);
    expect(shells).toEqual([
      '%SystemRoot%\\explorer.exe',
      `%ProgramFiles%\\${config.productName}\\${config.productName}.exe`,
    ]);
    expect(xml()).toMatch(/<Config>\s*<AutoLogonAccount\/>\s*<Profile Id="\{[0-9a-f-]{36}\}"\/>\s*<\/Config>/);
  });

  it('every exit restarts the shell except the IT exit (64), the same code the Linux loop honours', () => {
    expect(xml()).toContain('<DefaultAction Action="RestartShell"/>');
    expect(xml()).toContain('<ReturnCodeAction ReturnCode="0" Action="RestartShell"/>');
    expect(xml()).toContain('<ReturnCodeAction ReturnCode="64" Action="DoNothing"/>');
    expect(read('linux/hellowork-kiosk-loop.sh')).toContain('IT_EXIT=64');
  });

  it('the profile the config points at is the one defined', () => {
    const ids = [...xml().matchAll(/Profile Id="(\{[^}]+\})"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('the installer carries the XML and its apply script to kiosk-setup/', () => {
    expect(config.win.extraFiles).toEqual([{ from: 'build/windows', to: 'kiosk-setup', filter: ['*.xml', '*.ps1'] }]);
    expect(read('windows/Set-KioskShell.ps1')).toContain("Join-Path $PSScriptRoot 'shell-launcher.xml'");
  });
});
