#!/usr/bin/env node
// Bundles the kiosk's main process and preload with esbuild into dist/kiosk/ (electron-builder.yml
// ships dist/kiosk and dist/renderer only, no node_modules, so everything but `electron` is inlined).
// The preload is CommonJS because sandboxed preloads cannot load ES modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/kiosk`;
rmSync(outdir, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

await build({
  ...common,
  entryPoints: { main: 'src-main/electron/main.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  // conf/electron-store read import.meta.url; in the CommonJS bundle it is this file's URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: { preload: 'src-main/electron/preload.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
});
console.log('build-kiosk: dist/kiosk/main.cjs, dist/kiosk/preload.cjs');
