import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { startTestService } from '../../test/support/service-harness.js';
import { loginReady, median, watchLoginReady } from '../lib/login-ready.js';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The production build, written to a folder of the bench's own (dist/renderer belongs to the
 * test suites running beside it). Returns gzip bytes (level 9) of every JS and CSS file.
 */
export function buildScreens(outDir: string): { jsGzip: number; initialJsGzip: number; cssGzip: number; files: Record<string, number> } {
  const vite = join(ROOT, 'node_modules', '.bin', 'vite');
  const r = spawnSync(vite, ['build', '--config', 'src-renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  const files: Record<string, number> = {};
  let jsGzip = 0;
  let cssGzip = 0;
  for (const name of readdirSync(join(outDir, 'assets'))) {
    if (!/\.(js|css)$/.test(name)) continue;
    const bytes = gzipSync(readFileSync(join(outDir, 'assets', name)), { level: 9 }).length;
    files[name] = bytes;
    if (name.endsWith('.js')) jsGzip += bytes;
    else cssGzip += bytes;
  }
  // What a browser loads for the login page: the entry script and its modulepreloads (index.html).
  // Chunks imported lazily (the kiosk shell, the English catalog) come on top only where used.
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const initialJsGzip = initial.reduce((a, name) => a + (files[name] ?? 0), 0);
  return { jsGzip, initialJsGzip, cssGzip, files };
}

/**
 * Navigation to an interactive login form: a fresh browser context each time (cold cache, as a
 * first visit), the service serving the build above on loopback. Median of `runs`.
 */
export async function timeToLoginForm(browser: Browser, rendererDir: string, runs: number): Promise<{ median: number; all: number[] }> {
  const service = await startTestService({ database: 'sqlite', smtp: false, rendererDir });
  const all: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      await watchLoginReady(context);
      const page = await context.newPage();
      await page.goto(`${service.url}/`);
      all.push((await loginReady(page)).navigationMs);
      await context.close();
    }
  } finally {
    await service.close();
  }
  return { median: median(all), all };
}
