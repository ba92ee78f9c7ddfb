#!/usr/bin/env node
// `npm start`: the whole thing on one machine, from a fresh clone.
//   1. builds the screens when src-renderer exists and dist/renderer is older than its sources;
//   2. on the first run (no database yet) seeds the seed's demo employer;
//   3. runs `mypage serve` (SQLite at data/mypage.sqlite, the dev mailbox unless SMTP_URL is set).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', 'bin', 'mypage.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// 1. the screens
if (existsSync('src-renderer/vite.config.ts')) {
  const built = existsSync('dist/renderer/index.html') ? statSync('dist/renderer/index.html').mtimeMs : 0;
  const sources = Math.max(newestMtime('src-renderer'), newestMtime('src-shared'));
  if (sources > built) {
    console.log('start: building the screens (dist/renderer)…');
    run('npx', ['vite', 'build', '--config', 'src-renderer/vite.config.ts']);
  }
}

// 2. demo data, once: only for the default SQLite database, and only when it does not exist yet
const defaultDb = !process.env.DATABASE_URL;
if (defaultDb && !existsSync('data/mypage.sqlite')) {
  console.log('start: first run — creating the demo employer');
  run(process.execPath, [bin, 'seed-demo']);
}

// 3. the service (Ctrl+C stops it gracefully)
const serve = spawn(process.execPath, [bin, 'serve'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => serve.kill(signal));
serve.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// 4. the kiosk on that service (issue 4): a dev terminal, or a plain note when Electron is missing
if (existsSync('scripts/start-kiosk.mjs') && !process.env.NO_KIOSK) {
  const kiosk = spawn(process.execPath, ['scripts/start-kiosk.mjs'], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => kiosk.kill(signal));
}
