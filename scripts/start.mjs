#!/usr/bin/env node
// `npm start`: the whole thing on one machine, from a fresh clone.
//   1. builds the screens when src-renderer exists and dist/renderer is older than its sources;
//   2. seeds the seed's demo employer on the first run (no database yet), and at every run prints it
//      with the demo staff (one per role) and a fresh registration code for those without a passkey;
//   3. runs `mypage serve` (SQLite at data/mypage.sqlite, the dev mailbox unless SMTP_URL is set),
//      with the staff console on STAFF_PORT=8081 (http://localhost:8081) unless STAFF_PORT is set.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildRenderer, rendererIsStale } from './build-renderer.mjs';
import { useProjectNode } from './runtime.mjs';

// 0. on a machine whose Node is older than the project's (engines), this re-runs on runtime/'s Node
await useProjectNode(import.meta.filename, 'start');

const bin = join(import.meta.dirname, '..', 'bin', 'mypage.js');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// 1. the screens
if (existsSync('src-renderer/vite.config.ts') && rendererIsStale()) {
  console.log('start: building the screens (dist/renderer)…');
  const built = buildRenderer();
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// 2. demo data: only for the default SQLite database; created once, printed every time (seed-demo is idempotent)
const defaultDb = !process.env.DATABASE_URL;
if (defaultDb) {
  if (!existsSync('data/mypage.sqlite'))
    console.log('start: first run — creating the demo employer and the demo staff');
  run(process.execPath, [bin, 'seed-demo']);
}

// 3. the service (Ctrl+C stops it gracefully), and the staff console beside it
const env = { ...process.env, STAFF_PORT: process.env.STAFF_PORT ?? '8081' };
console.log(
  `start: staff console at ${env.STAFF_PUBLIC_ORIGIN ?? `http://localhost:${env.STAFF_PORT}`} (職員ログイン with a demo staff ID and its 登録コード)`,
);
const serve = spawn(process.execPath, [bin, 'serve'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => serve.kill(signal));
serve.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// 4. the kiosk on that service (issue 4): a dev terminal, or a plain note when Electron is missing
if (existsSync('scripts/start-kiosk.mjs') && !process.env.NO_KIOSK) {
  const kiosk = spawn(process.execPath, ['scripts/start-kiosk.mjs'], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => kiosk.kill(signal));
}
