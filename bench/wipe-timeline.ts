/// <reference lib="dom" />
/**
 * Where one idle wipe spends its time, in the kiosk host (not part of `npm run bench`):
 * `npx tsx bench/wipe-timeline.ts [runs]`. Per run, ms from the idle timeout: the new page's
 * navigation start, "wipe: done", the login form interactive; then, from the navigation start,
 * the HTML (request, response end), domInteractive, DOMContentLoaded and each script or style
 * fetched (start-end). Builds the screens into a temp folder as the bench does.
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { KIOSK_IDLE_TIMEOUT_MS } from '../src-shared/rules.js';
import { enrollThroughScreen, heading, typeLogin } from '../test/e2e/kiosk-host/kiosk-flows.js';
import { openKiosk } from '../test/e2e/kiosk-host/kiosk-page.js';
import { startTestService } from '../test/support/service-harness.js';
import { epochNow, loginReady, median, watchLoginReady } from './lib/login-ready.js';
import { buildScreens } from './phases/screens.js';
const out = mkdtempSync(join(tmpdir(), 'wipe-timeline-'));
const b = buildScreens(out);
console.log(`login page JS ${(b.initialJsGzip / 1000).toFixed(1)} kB gzip; load ${loadavg()[0]!.toFixed(2)}`);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const service = await startTestService({ database: 'sqlite', smtp: false, rendererDir: out });
const context = await browser.newContext();
await watchLoginReady(context);
const k = await openKiosk(context, { appUrl: `${service.url}/` });
let doneAt = 0;
const push = k.logLines.push.bind(k.logLines);
k.logLines.push = (...lines: string[]) => { if (lines.some((l) => l.startsWith('info wipe: done'))) doneAt = epochNow(); return push(...lines); };
await enrollThroughScreen(k, service);
const id = 'wipe-bench@bench.example.jp';
await service.createEmployer({ id, password: 'Bench-Passw0rd!' });
const all: number[] = [];
const N = Number(process.argv[2] ?? 10);
for (let i = 0; i < N; i++) {
  const page = k.page();
  await typeLogin(page, id, 'Bench-Passw0rd!');
  await heading(page, '求人者マイページホーム').waitFor();
  doneAt = 0;
  const firedAt = epochNow();
  k.clock.advance(KIOSK_IDLE_TIMEOUT_MS);
  while (doneAt === 0 || k.page() === page) await new Promise((r) => setTimeout(r, 2));
  const fresh = k.page();
  const ready = await loginReady(fresh);
  const total = Math.max(ready.at, doneAt) - firedAt;
  all.push(total);
  const t = await fresh.evaluate(() => {
    const o = performance.timeOrigin;
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => `${r.name.split('/').pop()}:${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`);
    const marks = performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}`);
    return { o, reqStart: Math.round(n.requestStart), resp: Math.round(n.responseEnd), domInt: Math.round(n.domInteractive), dcl: Math.round(n.domContentLoadedEventEnd), res, marks };
  });
  console.log(`run ${i}: total ${Math.round(total)} nav@+${Math.round(t.o - firedAt)} done@+${Math.round(doneAt - firedAt)} ready@+${Math.round(ready.at - firedAt)} (nav ${Math.round(ready.navigationMs)}) req ${t.reqStart} resp ${t.resp} domInt ${t.domInt} dcl ${t.dcl} | ${t.res.join(' ')} | ${t.marks.join(' ')}`);
}
console.log('median', median(all));
k.core.stop();
await context.close(); await service.close(); await browser.close();
