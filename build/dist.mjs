#!/usr/bin/env node
// `npm run dist:kiosk` / `npm run dist:kiosk:test`: builds the screens and the kiosk bundle, then
// the installers with electron-builder. Usage: node build/dist.mjs [--test] [--linux] [--win]
// (default: the host platform). --test is the Playwright build: the inspect fuse on, its own
// artifact names and folder, never for terminals. Stops first, clearly, if Electron is missing.
// KIOSK_RELEASE=1 (the release pipeline): refuses to start unless every platform will be signed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveElectronDist } from './electron-dist.mjs';
import { azureSignOptions, linuxSigning, windowsSigning } from './signing.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const testBuild = args.includes('--test');
const platforms = [args.includes('--linux') && 'linux', args.includes('--win') && 'win32'].filter(Boolean);
if (!platforms.length) platforms.push(process.platform);
const electronVersion = JSON.parse(readFileSync(`${root}node_modules/electron/package.json`, 'utf8')).version;

function fail(message) {
  console.error(`\ndist:kiosk: ${message}\n`);
  process.exit(1);
}

const release = process.env.KIOSK_RELEASE === '1';
if (release) {
  if (testBuild) fail('KIOSK_RELEASE=1 with --test: a release is never the Playwright test build.');
  const unsigned = platforms.filter((p) => !(p === 'win32' ? windowsSigning() : linuxSigning()));
  if (unsigned.length)
    fail(`KIOSK_RELEASE=1 but no signing is configured for ${unsigned.join(', ')}; see docs/build.md ("Signing").`);
}

const electron = resolveElectronDist({
  env: process.env,
  platforms,
  hostPlatform: process.platform,
  root,
  electronVersion,
});
if ('error' in electron) fail(electron.error);

function run(cmd, cmdArgs, env = process.env) {
  console.log(`\n── ${cmd} ${cmdArgs.join(' ')}`);
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) fail(`${cmd} ${cmdArgs.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

// 1. The screens and the kiosk bundle (main + preload, esbuild; owned by the kiosk's own script).
run('npm', ['run', 'build:renderer']);
if (!existsSync(`${root}scripts/build-kiosk.mjs`)) fail('scripts/build-kiosk.mjs (the kiosk bundle) is missing.');
run(process.execPath, ['scripts/build-kiosk.mjs']);
const main = 'dist/kiosk/main.cjs'; // electron-builder.yml extraMetadata.main
if (!existsSync(`${root}${main}`)) fail(`${main} was not built; electron-builder.yml points the app at it.`);

// 2. electron-builder, configured by electron-builder.yml; only what varies per run is passed here.
const builderArgs = ['electron-builder', '--config', 'electron-builder.yml', '--publish', 'never', '--x64'];
if (platforms.includes('linux')) builderArgs.push('--linux');
if (platforms.includes('win32')) builderArgs.push('--win');
if (electron.dist) builderArgs.push(`-c.electronDist=${electron.dist}`);
const azure = azureSignOptions(process.env);
if (azure)
  for (const [key, value] of Object.entries(azure)) builderArgs.push(`-c.win.azureSignOptions.${key}=${value}`);
if (release) builderArgs.push('-c.win.forceCodeSigning=true'); // electron-builder fails rather than ship unsigned
if (testBuild) {
  builderArgs.push(
    '-c.directories.output=dist/installers-test',
    '-c.artifactName=hellowork-kiosk-${version}-playwright-test-${os}-${arch}.${ext}',
  );
}
const builtFrom = Date.now() - 1000; // file times may be rounded down to the second
run('npx', builderArgs, { ...process.env, KIOSK_TEST_BUILD: testBuild ? '1' : '0' });
const output = testBuild ? 'dist/installers-test' : 'dist/installers';

// 3. The .deb: electron-builder cannot sign it; build/sign-deb.sh does when the key is given.
if (platforms.includes('linux') && linuxSigning()) {
  // Only this build's packages: the folder keeps earlier (already signed) ones across versions.
  const debs = readdirSync(`${root}${output}`)
    .filter((f) => f.endsWith('.deb') && statSync(`${root}${output}/${f}`).mtimeMs >= builtFrom)
    .map((f) => `${output}/${f}`);
  run('sh', ['build/sign-deb.sh', ...debs]);
}
console.log(`\ndist:kiosk: ${testBuild ? 'Playwright TEST build (inspect fuse ON)' : 'kiosk build'} in ${output}`);
