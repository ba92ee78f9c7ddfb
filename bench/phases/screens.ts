import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { buildRenderer } from '../../test/support/renderer-build.js';
import { startTestService } from '../../test/support/service-harness.js';
import { loginReady, median, watchLoginReady } from '../lib/login-ready.js';

/**
 * The production build, written to a folder of the bench's own (dist/renderer belongs to the
 * test suites running beside it). Returns gzip bytes (level 9) of every JS and CSS file.
 */
export function buildScreens(outDir: string): {
  jsGzip: number;
  initialJsGzip: number;
  cssGzip: number;
  files: Record<string, number>;
} {
  const r = buildRenderer({ outDir, logLevel: 'warn', stdio: 'pipe' });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.output}`);
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
 * Navigation to an interactive login form, median of `runs`. One page whose renderer process is
 * already up (as in the kiosk window or an open browser tab), with its HTTP cache disabled, so
 * every run fetches the HTML, JS and CSS again from the service on loopback. A fresh browser
 * context per run would also time Chromium starting a renderer process (100–600 ms on the shared
 * 2-core machine), which the screens cannot change.
 */
export async function timeToLoginForm(
  browser: Browser,
  rendererDir: string,
  runs: number,
): Promise<{ median: number; all: number[] }> {
  const service = await startTestService({ database: 'sqlite', smtp: false, rendererDir });
  const context = await browser.newContext();
  const all: number[] = [];
  try {
    await watchLoginReady(context);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(`${service.url}/`); // starts the renderer; not counted
    for (let i = 0; i < runs; i++) {
      await page.goto(`${service.url}/?run=${i}`);
      all.push((await loginReady(page)).navigationMs);
    }
  } finally {
    await context.close();
    await service.close();
  }
  return { median: median(all), all };
}
