// Where Electron is: the binary to run (findElectron) and the distribution electron-builder
// packs (resolveElectronDist). `npm install` never downloads the binary
// (package.json allowScripts: electron false, so an offline install works; the same as
// ELECTRON_SKIP_BINARY_DOWNLOAD=1); `npm run electron:install` fetches it where github.com is
// reachable. The packaging scripts check for it first and stop with a clear message instead of
// a network error deep inside electron-builder.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const EXECUTABLE = { linux: 'electron', win32: 'electron.exe' };

/**
 * The Electron binary to run (`npm start`'s kiosk, the _electron Playwright suite):
 * KIOSK_ELECTRON_PATH, or the one `npm run electron:install` downloads into
 * node_modules/electron/dist (named by its path.txt); undefined when there is none.
 * @param {{ root: string, env?: Record<string, string | undefined> }} o
 * @returns {string | undefined}
 */
export function findElectron({ root, env = process.env }) {
  const fromEnv = env.KIOSK_ELECTRON_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return undefined;
  const binary = path.join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** The Electron the kiosk is built and type-checked against: node_modules/electron (package.json's pin). */
export function pinnedElectronVersion({ root }) {
  return JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/**
 * The version of the Electron at `binary`: the `version` file every Electron distribution has
 * beside its executable (the release zips, node_modules/electron/dist), else what `--version` prints.
 * @param {string} binary
 * @returns {string | undefined}
 */
export function electronVersionAt(binary) {
  const file = path.join(path.dirname(binary), 'version');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim().replace(/^v/, '');
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ...env } = process.env;
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 20_000, env });
  return /v?(\d+\.\d+\.\d+\S*)/.exec(result.stdout ?? '')?.[1];
}

/**
 * Why the Electron at `binary` must not run the _electron suite (it is not the pinned one, so what
 * passes there says nothing about what ships), or undefined when it is the pinned one.
 * @param {{ binary: string, found: string | undefined, expected: string }} o
 */
export function electronVersionProblem({ binary, found, expected }) {
  if (found === expected) return undefined;
  const what = found
    ? `Electron ${found}`
    : 'an Electron of unknown version (no `version` file beside it, no answer to --version)';
  return (
    `${binary} is ${what}, but the kiosk is built and type-checked against Electron ${expected} ` +
    `(package.json, node_modules/electron). Point KIOSK_ELECTRON_PATH at Electron ${expected}: the ` +
    `electron (electron.exe) in electron-v${expected}-<platform>-x64.zip from Electron's releases or your mirror, ` +
    'or run `npm run electron:install` (docs/testers.md).'
  );
}

/**
 * @param {{ env: Record<string, string | undefined>, platforms: string[], hostPlatform: string, root: string, electronVersion: string }} o
 * @returns {{ dist: string | null } | { error: string }} dist null: let electron-builder download.
 */
export function resolveElectronDist({ env, platforms, hostPlatform, root, electronVersion }) {
  const given = env.KIOSK_ELECTRON_DIST;
  if (given === 'download') return { dist: null }; // a machine with internet: electron-builder fetches the zips
  if (given) {
    if (!existsSync(given))
      return { error: `KIOSK_ELECTRON_DIST=${given} does not exist.\n${howToGet(electronVersion)}` };
    return { dist: path.resolve(given) };
  }
  const foreign = platforms.filter((p) => p !== hostPlatform);
  if (foreign.length) {
    return {
      error: `Building for ${foreign.join(', ')} on ${hostPlatform} needs that platform's Electron.\n${howToGet(electronVersion)}`,
    };
  }
  const local = path.join(root, 'node_modules', 'electron', 'dist');
  if (!existsSync(path.join(local, EXECUTABLE[hostPlatform] ?? 'electron'))) {
    return {
      error:
        `The Electron binary is missing (${local}): \`npm install\` does not download it (as with ` +
        `ELECTRON_SKIP_BINARY_DOWNLOAD=1), so there is nothing to package.\n${howToGet(electronVersion)}`,
    };
  }
  return { dist: local };
}

function howToGet(version) {
  return [
    'Get Electron on a machine that reaches it, then build there:',
    '  - with internet: `npm run electron:install` (host platform), or',
    '    KIOSK_ELECTRON_DIST=download to let electron-builder fetch every platform;',
    `  - offline: put electron-v${version}-linux-x64.zip / electron-v${version}-win32-x64.zip`,
    '    (from the Electron releases or your mirror) in a folder and set KIOSK_ELECTRON_DIST to it.',
    'See docs/build.md ("Where Electron comes from").',
  ].join('\n');
}
