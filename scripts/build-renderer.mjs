#!/usr/bin/env node
// The one build of the screens (Vite: src-renderer → dist/renderer). `npm run build:renderer`
// runs it (and so does build/dist.mjs through that script); `npm start` and the Playwright global
// setup call it with `ifStale` (only when a source is newer than the last build); the bench with
// an output folder of its own. `node scripts/build-renderer.mjs [--if-stale]`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const DEFAULT_OUT = join(root, 'dist', 'renderer');
/** What the build reads (the Vite config is in src-renderer; the lock file stands for the tools). */
const SOURCES = ['src-renderer', 'src-shared', 'package-lock.json'];

/** The newest modification below `path`, folders included (a deleted file changes its folder). */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  let newest = statSync(path).mtimeMs;
  if (!statSync(path).isDirectory()) return newest;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when `outDir` has no build, or a source changed after it was written. */
export function rendererIsStale(outDir = DEFAULT_OUT) {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(root, source)) > built);
}

/**
 * @param {{ outDir?: string, ifStale?: boolean, logLevel?: 'info' | 'warn' | 'error' | 'silent', stdio?: 'inherit' | 'pipe' }} [options]
 * @returns {{ built: boolean, status: number | null, output: string }} `output` only with stdio 'pipe'
 */
export function buildRenderer({ outDir, ifStale = false, logLevel, stdio = 'inherit' } = {}) {
  if (ifStale && !rendererIsStale(outDir)) return { built: false, status: 0, output: '' };
  const args = [
    join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    join(root, 'src-renderer', 'vite.config.ts'),
  ];
  if (outDir) args.push('--outDir', outDir, '--emptyOutDir');
  if (logLevel) args.push('--logLevel', logLevel);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio, encoding: 'utf8' });
  return { built: true, status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = buildRenderer({ ifStale: process.argv.includes('--if-stale') });
  if (!r.built) console.log('build-renderer: dist/renderer is newer than its sources; not rebuilt');
  process.exit(r.status ?? 1);
}
