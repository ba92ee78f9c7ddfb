// Is the kiosk's Electron still supported? Electron gives security fixes to its latest three stable
// majors only (electronjs.org/docs/latest/tutorial/electron-timelines), and a new major comes
// every eight weeks, so a pinned major leaves support about six months after its release.
// test/build/electron-support.test.ts asks the npm registry and fails once the pinned major has
// left; docs/build.md ("Keeping Electron supported") says the cadence.
import { spawnSync } from 'node:child_process';

/** How many stable majors Electron supports at once. */
export const SUPPORTED_LINES = 3;

const STABLE = /^(\d+)\.\d+\.\d+$/;

/** The supported majors, newest last, from the registry's version list (pre-releases do not count). */
export function supportedMajors(versions, lines = SUPPORTED_LINES) {
  const majors = versions
    .map((v) => STABLE.exec(v)?.[1])
    .filter(Boolean)
    .map(Number);
  if (!majors.length) throw new Error('the registry lists no stable Electron release');
  const newest = Math.max(...majors);
  return Array.from({ length: lines }, (_, i) => newest - lines + 1 + i);
}

/** The newest stable release of one major, or undefined. */
export function newestOfMajor(versions, major) {
  const ofMajor = versions.filter((v) => STABLE.exec(v)?.[1] === String(major));
  return ofMajor.sort((a, b) => compare(a.split('.').map(Number), b.split('.').map(Number))).at(-1);
}

const compare = (a, b) => a.reduce((r, x, i) => r || x - (b[i] ?? 0), 0);

/** The major of package.json's electron range (`^45.6.1` → 45). */
export function pinnedMajor(range) {
  const match = /(\d+)\./.exec(range ?? '');
  if (!match) throw new Error(`package.json pins no Electron version: ${range}`);
  return Number(match[1]);
}

/**
 * What the registry says, through npm itself (its registry and proxy settings): `{ versions }`,
 * or `{ unreachable }` with npm's reason when it cannot be asked (an offline machine).
 */
export function registryVersions({ timeoutMs = 60_000 } = {}) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['view', 'electron', 'versions', '--json', '--fetch-retries=0', `--fetch-timeout=${timeoutMs / 2}`];
  // Windows runs npm.cmd only through a shell (Node refuses to spawn .cmd files directly).
  const shell = process.platform === 'win32';
  const result = spawnSync(npm, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, shell });
  if (result.status !== 0) {
    const reason = (result.error?.message ?? result.stderr).split('\n').find((l) => l.trim()) ?? 'no answer';
    return { unreachable: `npm view electron failed (${reason.trim()})` };
  }
  return { versions: JSON.parse(result.stdout) };
}
