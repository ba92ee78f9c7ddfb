// Runs the real electron-builder on electron-builder.yml and build/ (`--dir`: the unpacked app,
// the stage every installer is made from), in a throw-away copy of the project whose dist/ holds a
// small kiosk bundle plus decoys (tests, sources, source maps), with the stand-in Electron binary
// as electronDist. Everything but the Electron binary and the installer tools is real.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './builder-config.js';
import { writeFakeElectron } from './fake-electron.js';

export function makeFixtureProject(): { dir: string; electronDist: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pack-'));
  const project = path.join(dir, 'project');
  const { name, version, description, type, license } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  // A production and a development dependency as decoys (collecting the real tree takes ~20 s).
  const dependencies = { fastify: '^5.0.0' };
  const devDependencies = { vitest: '^4.0.0' };
  const files: Record<string, string> = {
    'package.json': JSON.stringify({
      name,
      version,
      description,
      type,
      license,
      private: true,
      dependencies,
      devDependencies,
    }),
    'node_modules/fastify/package.json': JSON.stringify({ name: 'fastify', version: '5.0.0', main: 'index.js' }),
    'node_modules/fastify/index.js': 'module.exports = {};',
    'node_modules/vitest/package.json': JSON.stringify({ name: 'vitest', version: '4.0.0', main: 'index.js' }),
    'node_modules/vitest/index.js': 'module.exports = {};',
    'dist/kiosk/main.cjs': '"use strict"; // the bundled main process',
    'dist/kiosk/preload.cjs': '"use strict"; // the bundled preload',
    'dist/kiosk/main.cjs.map': '{}',
    'dist/renderer/index.html': '<!doctype html><title>kiosk</title>',
    'dist/renderer/assets/index-abc.js': 'export {};',
    'dist/renderer/assets/index-abc.js.map': '{}',
    'test/build/decoy.test.ts': 'decoy',
    'src-main/electron/main.ts': 'decoy',
    'src-server/app.ts': 'decoy',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), text);
  }
  cpSync(`${root}electron-builder.yml`, path.join(project, 'electron-builder.yml'));
  cpSync(`${root}build`, path.join(project, 'build'), { recursive: true });
  // The afterPack hook imports @electron/fuses.
  symlinkSync(`${root}node_modules/@electron`, path.join(project, 'node_modules', '@electron'), 'dir');
  const electronDist = path.join(dir, 'electron');
  writeFakeElectron(path.join(electronDist, 'electron'));
  writeFileSync(path.join(electronDist, 'chrome-sandbox'), '');
  return { dir: project, electronDist };
}

/** electron-builder --linux dir in a child process (its env picks the fuse flavour). */
export function packLinuxDir(project: string, electronDist: string, output: string, env: Record<string, string>) {
  const electronVersion = JSON.parse(readFileSync(`${root}node_modules/electron/package.json`, 'utf8')).version;
  const script = `
    const { build, Platform } = require(${JSON.stringify(`${root}node_modules/electron-builder`)});
    build({
      projectDir: process.cwd(),
      targets: Platform.LINUX.createTarget('dir', 1),
      publish: 'never',
      config: { electronDist: ${JSON.stringify(electronDist)}, electronVersion: '${electronVersion}', directories: { output: ${JSON.stringify(output)} } },
    }).catch((error) => { console.error(error); process.exit(1); });`;
  const clean = { ...process.env };
  for (const key of ['KIOSK_TEST_BUILD', 'KIOSK_DEB_SIGNING_KEY', 'CSC_LINK', 'WIN_CSC_LINK']) delete clean[key];
  const result = spawnSync(process.execPath, ['-e', script], {
    cwd: project,
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
