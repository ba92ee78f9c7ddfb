// R-KIOSK-5, issue 22 item 4: the internal signed APT repository of docs/it-staff.md, tried for
// real with Debian's reprepro and apt: deploy/apt/distributions signed with a throw-away key, the
// release .debs (origin-signed by build/sign-deb.sh) published to `pilot`, then copied to
// `stable`; two terminals (apt-get and dpkg in roots of their own, over HTTP on loopback) see them
// only with the signature verified, update in stages, and roll back — apt refuses a downgrade
// unless told (--allow-downgrades, or a pin), and a higher-versioned rebuild needs nothing.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './support/builder-config.js';
import { kioskDeb, reprepro, run, terminal, throwawayKey } from './support/apt-repo.js';

const have = (cmd: string, ...args: string[]) => spawnSync(cmd, args).status === 0;
const missing = [
  ['reprepro', have('reprepro', '--version')],
  ['apt-get', have('apt-get', '--version')],
  ['dpkg-deb', have('dpkg-deb', '--version')],
  ['gpg', have('gpg', '--version')],
  ['debsigs', have('sh', '-c', 'command -v debsigs')],
]
  .filter(([, ok]) => !ok)
  .map(([name]) => name as string);
const isRoot = process.getuid?.() === 0;
/** apt-get starts a dozen helper processes per call: seconds each on a busy 2-core machine. */
const APT_TIMEOUT_MS = 120_000;
if (missing.length)
  console.log(
    `apt-repository.test: the APT repository round trip is skipped: missing ${missing.join(', ')} (apt-get install reprepro gnupg debsigs; .ci/run installs them)`,
  );
else if (!isRoot)
  console.log(
    'apt-repository.test: installs, updates and roll-backs are skipped: dpkg --root must run as root to install files owned by root (the publishing and signature checks run)',
  );

describe.skipIf(missing.length > 0)('R-KIOSK-5 the signed APT repository (reprepro, apt)', () => {
  let dir: string;
  let server: Server;
  let url: string;
  let repo: ReturnType<typeof reprepro>;
  let pilot: ReturnType<typeof terminal>;
  let stable: ReturnType<typeof terminal>;
  const deb: Record<string, string> = {};
  const publicSigningKey = () => path.join(dir, 'hellowork-kiosk-signing-key.asc');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'apt-repo-'));
    const repoKey = throwawayKey(dir, 'repository');
    const debKey = throwawayKey(dir, 'packages');
    // The release: 0.1.0, 0.2.0 (the one to roll back), 0.2.1 (0.1.0's code rebuilt with a higher version).
    for (const [version, says] of [
      ['0.1.0', 'kiosk 0.1.0'],
      ['0.2.0', 'kiosk 0.2.0'],
      ['0.2.1', 'kiosk 0.1.0'],
    ] as const) {
      deb[version] = kioskDeb(dir, version, says);
      const signed = await run('sh', [`${root}build/sign-deb.sh`, deb[version]], {
        KIOSK_DEB_SIGNING_KEY: debKey.secretKey(),
      });
      if (signed.status !== 0) throw new Error(`sign-deb.sh: ${signed.output}`);
    }
    repoKey.publicKey(path.join(dir, 'hellowork-kiosk-archive-keyring.gpg'));
    debKey.stop();
    repo = reprepro(path.join(dir, 'repo'), repoKey.home);
    await repo('export'); // both suites exist from the start, empty
    // The repository host: any web server over the folder (nginx in production); here Node on loopback.
    server = createServer((req, res) => {
      const file = path.join(dir, 'repo', path.normalize(decodeURIComponent(req.url ?? '/')));
      if (!file.startsWith(path.join(dir, 'repo', '/')) || !statSync(file, { throwIfNoEntry: false })?.isFile())
        return void res.writeHead(404).end();
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const keyring = path.join(dir, 'hellowork-kiosk-archive-keyring.gpg');
    pilot = terminal(dir, 'pilot-terminal', { url, suite: 'pilot', keyring });
    stable = terminal(dir, 'stable-terminal', { url, suite: 'stable', keyring });
  }, 120_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const candidate = async (t: ReturnType<typeof terminal>) =>
    /Candidate: (.+)/.exec((await t.policy()).output)?.[1] ?? '(none)'; // an unknown package: none

  it(
    'a build published to pilot reaches the pilot terminal only, with the signature verified',
    async () => {
      const published = await repo('includedeb', 'pilot', deb['0.1.0']!);
      expect(published.output).toContain('Exporting indices');
      expect(published.status).toBe(0);
      const gpgv = await run('gpg', ['--verify', path.join(dir, 'repo/dists/pilot/InRelease')], {
        GNUPGHOME: path.join(dir, 'gnupg-repository'),
      });
      expect(gpgv.output).toContain('Good signature');

      for (const t of [pilot, stable]) expect((await t.apt('update')).status).toBe(0);
      expect(await candidate(pilot)).toBe('0.1.0');
      expect(await candidate(stable)).toBe('(none)');
    },
    APT_TIMEOUT_MS,
  );

  it(
    'the .deb apt fetches still carries the release’s origin signature (sign-deb.sh, debsig-verify)',
    async () => {
      // What a terminal downloads: `apt-get download` into a folder, as IT would to check by hand.
      const fetched = path.join(dir, 'fetched');
      mkdirSync(fetched);
      expect((await pilot.download(fetched)).status).toBe(0);
      const fetchedDeb = path.join(fetched, 'hellowork-kiosk_0.1.0_amd64.deb');
      const verify = await run('sh', [`${root}build/sign-deb.sh`, '--verify', publicSigningKey(), fetchedDeb]);
      expect(verify.output).toContain('good origin signature');
      const debsig = spawnSync('debsig-verify', ['--version']).status === 0;
      if (!debsig)
        console.log(
          'apt-repository.test: debsig-verify check skipped: debsig-verify is not installed (apt-get install debsig-verify)',
        );
      else {
        const policies = path.join(dir, 'debsig-policies');
        const keyrings = path.join(dir, 'debsig-keyrings');
        const env = { DEBSIG_POLICIES_DIR: policies, DEBSIG_KEYRINGS_DIR: keyrings };
        expect((await run('sh', [path.join(dir, 'debsig-trust.sh'), publicSigningKey()], env)).status).toBe(0);
        const verified = await run('debsig-verify', [
          '--policies-dir',
          policies,
          '--keyrings-dir',
          keyrings,
          fetchedDeb,
        ]);
        expect(verified.status).toBe(0);
      }
    },
    APT_TIMEOUT_MS,
  );

  it(
    'a terminal that trusts another key refuses the repository; a changed package index is refused',
    async () => {
      const other = throwawayKey(dir, 'stranger');
      other.publicKey(path.join(dir, 'stranger.gpg'));
      other.stop();
      const stranger = terminal(dir, 'stranger-terminal', {
        url,
        suite: 'pilot',
        keyring: path.join(dir, 'stranger.gpg'),
      });
      const refused = await stranger.apt('update');
      expect(refused.status).not.toBe(0);
      expect(refused.output).toMatch(/NO_PUBKEY|not signed/);
      expect(await candidate(stranger)).toBe('(none)');

      const indices = path.join(dir, 'repo/dists/pilot/main/binary-amd64');
      spawnSync('cp', ['-a', indices, `${indices}.kept`]);
      const index = path.join(indices, 'Packages');
      writeFileSync(
        index,
        `${readFileSync(index, 'utf8')}\nPackage: evil\nVersion: 9.9\nArchitecture: amd64\nFilename: x.deb\n`,
      );
      spawnSync('rm', ['-f', `${index}.gz`, `${index}.xz`]);
      const tampered = terminal(dir, 'tampered-terminal', {
        url,
        suite: 'pilot',
        keyring: path.join(dir, 'hellowork-kiosk-archive-keyring.gpg'),
      });
      const changed = await tampered.apt('update');
      expect(changed.output).toMatch(/Hash Sum mismatch|unexpected size/);
      expect(await candidate(tampered)).toBe('(none)');
      rmSync(indices, { recursive: true });
      spawnSync('mv', [`${indices}.kept`, indices]); // the repository as it was
    },
    APT_TIMEOUT_MS,
  );

  it.skipIf(!isRoot)(
    'staged rollout: pilot upgrades first, the other offices after the copy to stable',
    async () => {
      await repo('copy', 'stable', 'pilot', 'hellowork-kiosk');
      for (const t of [pilot, stable]) {
        await t.apt('update');
        const installed = await t.apt('install', '-y', 'hellowork-kiosk');
        expect(installed.output).toContain('Setting up hellowork-kiosk (0.1.0)');
        expect(t.installed()).toEqual({ version: '0.1.0', says: 'kiosk 0.1.0' });
      }

      await repo('includedeb', 'pilot', deb['0.2.0']!);
      for (const t of [pilot, stable]) {
        await t.apt('update');
        await t.apt('upgrade', '-y');
      }
      expect(pilot.installed()).toEqual({ version: '0.2.0', says: 'kiosk 0.2.0' });
      expect(stable.installed()).toEqual({ version: '0.1.0', says: 'kiosk 0.1.0' });

      await repo('copy', 'stable', 'pilot', 'hellowork-kiosk');
      await stable.apt('update');
      await stable.apt('upgrade', '-y');
      expect(stable.installed()).toEqual({ version: '0.2.0', says: 'kiosk 0.2.0' });
    },
    APT_TIMEOUT_MS,
  );

  it.skipIf(!isRoot)(
    'roll-back by downgrade: reprepro and apt refuse it until told; then 0.1.0 runs again',
    async () => {
      // reprepro keeps one version per suite and skips an older one: remove the newer first.
      const skipped = await repo('includedeb', 'stable', deb['0.1.0']!);
      expect(skipped.output).toContain("as it has already '0.2.0'");
      await repo('remove', 'stable', 'hellowork-kiosk');
      await repo('remove', 'pilot', 'hellowork-kiosk');
      await repo('includedeb', 'pilot', deb['0.1.0']!);
      await repo('copy', 'stable', 'pilot', 'hellowork-kiosk');

      await stable.apt('update');
      await stable.apt('upgrade', '-y');
      expect(stable.installed().version).toBe('0.2.0'); // apt never downgrades by itself
      const refused = await stable.apt('install', '-y', 'hellowork-kiosk=0.1.0');
      expect(refused.status).not.toBe(0);
      expect(refused.output).toContain('--allow-downgrades');
      expect(stable.installed().version).toBe('0.2.0');
      await stable.apt('install', '-y', '--allow-downgrades', 'hellowork-kiosk=0.1.0');
      expect(stable.installed()).toEqual({ version: '0.1.0', says: 'kiosk 0.1.0' });

      // Or a pin (Pin-Priority above 1000), for terminals told once by their configuration management.
      await pilot.apt('update');
      expect(await candidate(pilot)).toBe('0.2.0'); // the installed one: 0.1.0 alone does not win
      pilot.pin('0.1.0');
      expect(await candidate(pilot)).toBe('0.1.0');
      await pilot.apt('install', '-y', '--allow-downgrades', 'hellowork-kiosk');
      expect(pilot.installed()).toEqual({ version: '0.1.0', says: 'kiosk 0.1.0' });
    },
    APT_TIMEOUT_MS,
  );

  it.skipIf(!isRoot)(
    'roll-back by a higher-versioned rebuild of the old code: an ordinary upgrade',
    async () => {
      await repo('includedeb', 'pilot', deb['0.2.1']!);
      await repo('copy', 'stable', 'pilot', 'hellowork-kiosk');
      await stable.apt('update');
      const upgraded = await stable.apt('upgrade', '-y');
      expect(upgraded.output).not.toContain('--allow-downgrades');
      expect(stable.installed()).toEqual({ version: '0.2.1', says: 'kiosk 0.1.0' });
    },
    APT_TIMEOUT_MS,
  );
});
