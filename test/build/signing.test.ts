// R-KIOSK-5: signing comes from the environment only, an unsigned build says so loudly, and
// build/sign-deb.sh gives the .deb an origin signature that a changed package no longer matches.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azureSignOptions, linuxSigning, unsignedBanner, windowsSigning } from '../../build/signing.mjs';
import { root } from './support/builder-config.js';

const azure = {
  KIOSK_AZURE_SIGN_ENDPOINT: 'https://jpe.codesigning.azure.net',
  KIOSK_AZURE_SIGN_ACCOUNT: 'hellowork',
  KIOSK_AZURE_SIGN_PROFILE: 'kiosk',
  KIOSK_AZURE_SIGN_PUBLISHER: 'CN=Hello Work',
};

describe('R-KIOSK-5 signing from the environment', () => {
  it.each([
    [{}, null],
    [{ CSC_LINK: '/secrets/kiosk.pfx' }, 'certificate file'],
    [{ WIN_CSC_LINK: 'base64…' }, 'certificate file'],
    [azure, 'Azure Trusted Signing'],
    [{ ...azure, KIOSK_AZURE_SIGN_PROFILE: '' }, null],
  ])('Windows signing with %j: %s', (env, expected) => {
    const how = windowsSigning(env);
    if (expected === null) expect(how).toBeNull();
    else expect(how).toContain(expected);
  });

  it('azureSignOptions carries the four fields electron-builder 26 requires', () => {
    expect(azureSignOptions(azure)).toEqual({
      endpoint: azure.KIOSK_AZURE_SIGN_ENDPOINT,
      codeSigningAccountName: 'hellowork',
      certificateProfileName: 'kiosk',
      publisherName: 'CN=Hello Work',
    });
  });

  it('the banner shouts when a platform will not be signed, and is silent when it will', () => {
    expect(unsignedBanner('win32', {})).toMatch(/UNSIGNED win32 BUILD[\s\S]*CSC_LINK/);
    expect(unsignedBanner('linux', {})).toMatch(/UNSIGNED linux BUILD[\s\S]*sign-deb\.sh/);
    expect(unsignedBanner('win32', { CSC_LINK: 'x' })).toBeNull();
    expect(unsignedBanner('linux', { KIOSK_DEB_SIGNING_KEY: 'x' })).toBeNull();
    expect(linuxSigning({})).toBeNull();
  });
});

const have = (cmd: string, arg = '--version') => spawnSync(cmd, [arg]).status === 0;
const tools = ['gpg', 'debsigs', 'dpkg-deb', 'ar'].filter((t) => !have(t, t === 'ar' ? '--version' : '--help'));
if (tools.length)
  console.log(
    `signing.test: .deb signing round trip skipped: missing ${tools.join(', ')} (apt-get install gnupg debsigs dpkg binutils)`,
  );

describe.skipIf(tools.length > 0)('R-KIOSK-5 build/sign-deb.sh', () => {
  let dir: string;
  let secretKey: string;
  const signDeb = (args: string[], env: Record<string, string> = {}) => {
    const clean = { ...process.env };
    delete clean.KIOSK_DEB_SIGNING_KEY;
    return spawnSync('sh', [`${root}build/sign-deb.sh`, ...args], {
      env: { ...clean, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sign-deb-'));
    // A throw-away key, as the pipeline's secret would hold one.
    const home = path.join(dir, 'gnupg');
    mkdirSync(home, { mode: 0o700 });
    const gpg = (...args: string[]) =>
      spawnSync('gpg', ['--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', 'pw', ...args], {
        env: { ...process.env, GNUPGHOME: home },
        encoding: 'utf8',
      });
    gpg('--quick-gen-key', 'HelloWork Kiosk test <kiosk@example.invalid>', 'ed25519', 'sign', 'never');
    secretKey = gpg('--armor', '--export-secret-keys').stdout;
    spawnSync('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: home } });
    // A small .deb.
    const pkg = path.join(dir, 'pkg');
    mkdirSync(path.join(pkg, 'DEBIAN'), { recursive: true });
    mkdirSync(path.join(pkg, 'opt', 'hw'), { recursive: true });
    writeFileSync(
      path.join(pkg, 'DEBIAN', 'control'),
      'Package: hw-test\nVersion: 1.0\nArchitecture: all\nMaintainer: t <t@example.invalid>\nDescription: t\n',
    );
    writeFileSync(path.join(pkg, 'opt', 'hw', 'app'), 'the app');
    expect(spawnSync('dpkg-deb', ['--build', '-Zgzip', pkg, path.join(dir, 'kiosk.deb')]).status).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without KIOSK_DEB_SIGNING_KEY it refuses loudly and leaves the package unsigned', () => {
    const result = signDeb([path.join(dir, 'kiosk.deb')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('UNSIGNED');
    expect(spawnSync('ar', ['t', path.join(dir, 'kiosk.deb')], { encoding: 'utf8' }).stdout).not.toContain(
      '_gpgorigin',
    );
  });

  it('signs with the key from the environment; the signature verifies; a changed package does not', () => {
    const signed = signDeb([path.join(dir, 'kiosk.deb')], {
      KIOSK_DEB_SIGNING_KEY: secretKey,
      KIOSK_DEB_SIGNING_PASSPHRASE: 'pw',
    });
    expect(signed.stderr + signed.stdout).toContain('signed');
    expect(signed.status).toBe(0);
    expect(spawnSync('ar', ['t', path.join(dir, 'kiosk.deb')], { encoding: 'utf8' }).stdout).toContain('_gpgorigin');
    const publicKey = path.join(dir, 'hellowork-kiosk-signing-key.asc');
    expect(readFileSync(publicKey, 'utf8')).toContain('BEGIN PGP PUBLIC KEY BLOCK');

    expect(signDeb(['--verify', publicKey, path.join(dir, 'kiosk.deb')]).status).toBe(0);

    // Swap the payload for another one: the origin signature no longer matches.
    const tampered = path.join(dir, 'tampered.deb');
    copyFileSync(path.join(dir, 'kiosk.deb'), tampered);
    const work = path.join(dir, 'tamper');
    mkdirSync(work);
    writeFileSync(path.join(work, 'evil'), 'evil');
    spawnSync('tar', ['czf', path.join(work, 'data.tar.gz'), '-C', work, 'evil']);
    expect(spawnSync('ar', ['r', tampered, 'data.tar.gz'], { cwd: work }).status).toBe(0);
    const verdict = signDeb(['--verify', publicKey, tampered]);
    expect(verdict.status).not.toBe(0);
    expect(verdict.stderr).toContain('BAD signature');
  }, 60_000);

  const debsig = spawnSync('debsig-verify', ['--version']).status === 0;
  if (!debsig)
    console.log(
      'signing.test: debsig-verify check skipped: debsig-verify is not installed (apt-get install debsig-verify)',
    );
  it.skipIf(!debsig)(
    'IT’s check: debsig-trust.sh makes debsig-verify accept the signed package and reject a changed one',
    () => {
      const policies = path.join(dir, 'policies');
      const keyrings = path.join(dir, 'keyrings');
      const trust = spawnSync('sh', [`${dir}/debsig-trust.sh`, path.join(dir, 'hellowork-kiosk-signing-key.asc')], {
        env: { ...process.env, DEBSIG_POLICIES_DIR: policies, DEBSIG_KEYRINGS_DIR: keyrings },
        encoding: 'utf8',
      });
      expect(trust.stderr + trust.stdout).toContain('debsig-verify now accepts');
      expect(trust.status).toBe(0);
      const verify = (deb: string) =>
        spawnSync('debsig-verify', ['--policies-dir', policies, '--keyrings-dir', keyrings, deb], { encoding: 'utf8' });
      expect(verify(path.join(dir, 'kiosk.deb')).status).toBe(0);
      expect(verify(path.join(dir, 'tampered.deb')).status).not.toBe(0);
      const unsigned = path.join(dir, 'unsigned.deb');
      expect(spawnSync('dpkg-deb', ['--build', '-Zgzip', path.join(dir, 'pkg'), unsigned]).status).toBe(0);
      expect(verify(unsigned).status).not.toBe(0);
    },
  );

  it('refuses to sign twice', () => {
    const again = signDeb([path.join(dir, 'kiosk.deb')], {
      KIOSK_DEB_SIGNING_KEY: secretKey,
      KIOSK_DEB_SIGNING_PASSPHRASE: 'pw',
    });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('already signed');
  });
});
