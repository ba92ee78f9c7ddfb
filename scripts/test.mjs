#!/usr/bin/env node
// `npm test`: type checks, the import rules, lint and format, then Vitest (unit + service), then Playwright (browser suites).
// Every stage runs even when an earlier one fails, so one run shows everything; the last line is
// the combined summary in the plain form CI reads: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { useProjectNode } from './runtime.mjs';

// On a machine whose Node is older than the project's (engines), everything below runs on runtime/'s Node.
await useProjectNode(import.meta.filename, 'test');

const stages = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function run(name, cmd, args) {
  process.stdout.write(`\n── ${name}: ${cmd} ${args.join(' ')}\n`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  stages.push({ name, ok });
  return ok;
}

// 1. Type checks: the Node side, the Electron glue against electron.d.ts, the Svelte renderer.
for (const [name, args] of [
  ['typecheck node', ['tsc', '-p', 'tsconfig.json']],
  ['typecheck electron', ['tsc', '-p', 'tsconfig.electron.json']],
  ['typecheck renderer', ['svelte-check', '--tsconfig', 'src-renderer/tsconfig.json', '--fail-on-warnings']],
]) {
  const config = args[2];
  if (!existsSync(config)) continue;
  if (!run(name, 'npx', args)) failed += 1;
  else passed += 1;
}

// 1b. Import rules (.dependency-cruiser.cjs, read from each folder's README): no cycles in src-*,
// each folder imports only what its README allows. Counted as one test.
if (
  run('imports', 'npx', [
    'depcruise',
    'src-shared',
    'src-server',
    'src-main',
    'src-renderer',
    '--config',
    '.dependency-cruiser.cjs',
  ])
)
  passed += 1;
else failed += 1;

// 1c. Lint and format (eslint.config.js, .prettierrc.json): ESLint's type-aware rules, then Prettier's
// check that every file is formatted (`npm run lint:fix` mends both). Counted as one test each.
for (const [name, args] of [
  ['lint', ['eslint', '.']],
  ['format', ['prettier', '--check', '.']],
]) {
  if (run(name, 'npx', args)) passed += 1;
  else failed += 1;
}

// 2. Vitest.
rmSync('.vitest-results.json', { force: true });
run('vitest', 'npx', ['vitest', 'run']);
if (existsSync('.vitest-results.json')) {
  const r = JSON.parse(readFileSync('.vitest-results.json', 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numFailedTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else failed += 1;

// 3. Playwright (Chromium from Debian; the Electron suite says itself why it skips).
if (existsSync('playwright.config.ts')) {
  rmSync('.playwright-results.json', { force: true });
  run('playwright', 'npx', ['playwright', 'test']);
  if (existsSync('.playwright-results.json')) {
    const s = JSON.parse(readFileSync('.playwright-results.json', 'utf8')).stats;
    passed += s.expected + (s.flaky ?? 0);
    failed += s.unexpected;
    skipped += s.skipped;
  } else failed += 1;
}

const bad = stages.filter((s) => !s.ok).map((s) => s.name);
if (bad.length) console.log(`\nstages that failed: ${bad.join(', ')}`);
if (bad.length && failed === 0) failed = bad.length; // a stage can fail without a failed test (e.g. a crash)
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
