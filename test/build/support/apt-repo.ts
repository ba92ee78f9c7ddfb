// The pieces of the APT repository round trip (test/build/apt-repository.test.ts): a throw-away
// GnuPG home with a repository key, kiosk .debs laid out as electron-builder's (/opt/HelloWork
// Kiosk, /usr/bin/hellowork-kiosk), reprepro on deploy/apt/distributions, and "terminals": apt-get
// with its own root (APT_CONFIG: its own sources, keyring, lists, dpkg database; dpkg --root), so
// nothing of this machine's apt or dpkg is read or changed.
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './builder-config.js';

export type Run = { status: number; output: string };

/** A command without blocking the event loop (the repository's HTTP server answers apt meanwhile). */
export function run(cmd: string, args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: { ...process.env, ...env }, timeout: 60_000, cwd }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ status, output: `${stdout}\n${stderr}` });
    });
  });
}

/** A GnuPG home holding one unprotected signing key; `publicKey(file)` exports it (binary keyring). */
export function throwawayKey(dir: string, name: string) {
  const home = path.join(dir, `gnupg-${name}`);
  mkdirSync(home, { mode: 0o700 });
  const gpg = (...args: string[]) =>
    spawnSync('gpg', ['--batch', '--quiet', ...args], { env: { ...process.env, GNUPGHOME: home }, encoding: 'utf8' });
  gpg(
    '--passphrase',
    '',
    '--quick-gen-key',
    `HelloWork Kiosk ${name} (test) <${name}@example.invalid>`,
    'ed25519',
    'sign',
    'never',
  );
  return {
    home,
    secretKey: () => gpg('--armor', '--export-secret-keys').stdout,
    publicKey: (file: string) =>
      writeFileSync(file, spawnSync('gpg', ['--export'], { env: { ...process.env, GNUPGHOME: home } }).stdout),
    stop: () => spawnSync('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: home } }),
  };
}

/** A hellowork-kiosk .deb of `version` whose app file says `says` (what a terminal then runs). */
export function kioskDeb(dir: string, version: string, says: string): string {
  const pkg = path.join(dir, `pkg-${version}`);
  mkdirSync(path.join(pkg, 'DEBIAN'), { recursive: true });
  mkdirSync(path.join(pkg, 'opt', 'HelloWork Kiosk'), { recursive: true });
  mkdirSync(path.join(pkg, 'usr', 'bin'), { recursive: true });
  writeFileSync(
    path.join(pkg, 'DEBIAN', 'control'),
    [
      'Package: hellowork-kiosk',
      `Version: ${version}`,
      'Section: web', // electron-builder.yml deb.packageCategory
      'Priority: optional',
      'Architecture: amd64',
      'Maintainer: Hello Work kiosk IT <kiosk-it@example.invalid>',
      'Description: Hello Work employer My Page kiosk terminal',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(pkg, 'opt', 'HelloWork Kiosk', 'app.txt'), says);
  symlinkSync('/opt/HelloWork Kiosk/hellowork-kiosk', path.join(pkg, 'usr', 'bin', 'hellowork-kiosk'));
  const deb = path.join(dir, `hellowork-kiosk-${version}-linux-amd64.deb`);
  const built = spawnSync('dpkg-deb', ['--build', '-Zgzip', '--root-owner-group', pkg, deb], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`dpkg-deb: ${built.stderr}`);
  return deb;
}

/** reprepro on the repository's own conf/distributions (deploy/apt), signing with `gnupgHome`'s key. */
export function reprepro(base: string, gnupgHome: string) {
  mkdirSync(path.join(base, 'conf'), { recursive: true });
  copyFileSync(`${root}deploy/apt/distributions`, path.join(base, 'conf', 'distributions'));
  return (...args: string[]) => run('reprepro', ['-b', base, ...args], { GNUPGHOME: gnupgHome });
}

/** A kiosk terminal's apt and dpkg in a root of its own, following `suite` of the repository at `url`. */
export function terminal(dir: string, name: string, opts: { url: string; suite: string; keyring: string }) {
  const r = path.join(dir, name);
  for (const d of [
    'etc/apt/sources.list.d',
    'etc/apt/apt.conf.d',
    'etc/apt/preferences.d',
    'etc/apt/keyrings',
    'var/lib/apt/lists/partial',
    'var/cache/apt/archives/partial',
    'var/log/apt',
    'var/lib/dpkg/info',
    'var/lib/dpkg/updates',
    'var/lib/dpkg/triggers',
  ])
    mkdirSync(path.join(r, d), { recursive: true });
  writeFileSync(path.join(r, 'var/lib/dpkg/status'), '');
  copyFileSync(opts.keyring, path.join(r, 'etc/apt/keyrings/hellowork-kiosk.gpg'));
  // The sources entry docs/it-staff.md gives IT, with this root's keyring path.
  writeFileSync(
    path.join(r, 'etc/apt/sources.list.d/hellowork-kiosk.sources'),
    `Types: deb\nURIs: ${opts.url}\nSuites: ${opts.suite}\nComponents: main\nSigned-By: ${r}/etc/apt/keyrings/hellowork-kiosk.gpg\n`,
  );
  // Read before the system's apt.conf.d, so the parts come from this root (none) and not the host's.
  const config = path.join(r, 'apt.conf');
  writeFileSync(
    config,
    [
      `Dir "${r}/";`,
      `Dir::State::status "${r}/var/lib/dpkg/status";`,
      'APT::Architecture "amd64";',
      'APT::Architectures { "amd64"; };',
      'APT::Sandbox::User "root";', // the download method may not drop to _apt: this root is private
      `DPkg::Options { "--root=${r}"; "--log=${r}/var/log/dpkg.log"; };`,
      '',
    ].join('\n'),
  );
  const env = { APT_CONFIG: config, DEBIAN_FRONTEND: 'noninteractive' };
  return {
    root: r,
    apt: (...args: string[]) => run('apt-get', ['-q', ...args], env),
    policy: () => run('apt-cache', ['policy', 'hellowork-kiosk'], env),
    /** `apt-get download`: the candidate .deb into `folder`, as IT fetches one to check by hand. */
    download: (folder: string) => run('apt-get', ['-q', 'download', 'hellowork-kiosk'], env, folder),
    pin: (version: string) =>
      writeFileSync(
        path.join(r, 'etc/apt/preferences.d/hellowork-kiosk'),
        `Package: hellowork-kiosk\nPin: version ${version}\nPin-Priority: 1001\n`,
      ),
    /** The version dpkg has installed in this root, and what its app file says. */
    installed: () => {
      const status = readFileSync(path.join(r, 'var/lib/dpkg/status'), 'utf8');
      const version = /^Package: hellowork-kiosk\n(?:.+\n)*?Version: (.+)$/m.exec(status)?.[1];
      let says: string | undefined;
      try {
        says = readFileSync(path.join(r, 'opt/HelloWork Kiosk/app.txt'), 'utf8');
      } catch {
        says = undefined;
      }
      return { version, says };
    },
  };
}
