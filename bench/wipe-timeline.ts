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
import playwrightConfig from '../playwright.config.js';
import { startTestService } from '../test/support/service-harness.js';
import { median } from './lib/login-ready.js';
import { buildScreens } from './phases/screens.js';
import { enrolledKioskWithVisitor, oneIdleWipe } from './phases/wipe.js';
const out = mkdtempSync(join(tmpdir(), 'wipe-timeline-'));
const b = buildScreens(out);
console.log(`login page JS ${(b.initialJsGzip / 1000).toFixed(1)} kB gzip; load ${loadavg()[0]!.toFixed(2)}`);
const browser = await chromium.launch({ ...playwrightConfig.use?.launchOptions });
const service = await startTestService({ database: 'sqlite', smtp: false, rendererDir: out });
const kiosk = await enrolledKioskWithVisitor(browser, service);
const all: number[] = [];
const N = Number(process.argv[2] ?? 10);
for (let i = 0; i < N; i++) {
  const { total, firedAt, shownAt, doneAt, ready, fresh, leftovers } = await oneIdleWipe(kiosk);
  if (leftovers.length) console.log(`run ${i}: LEFTOVERS ${leftovers.join(' ')}`);
  all.push(total);
  const t = await fresh.evaluate(() => {
    const o = performance.timeOrigin;
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(
      (r) => `${r.name.split('/').pop()}:${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`,
    );
    const marks = performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}`);
    return {
      o,
      reqStart: Math.round(n.requestStart),
      resp: Math.round(n.responseEnd),
      domInt: Math.round(n.domInteractive),
      dcl: Math.round(n.domContentLoadedEventEnd),
      res,
      marks,
    };
  });
  console.log(
    `run ${i}: total ${Math.round(total)} nav@+${Math.round(t.o - firedAt)} shown@+${Math.round(shownAt - firedAt)} done@+${Math.round(doneAt - firedAt)} ready@+${Math.round(ready.at - firedAt)} (nav ${Math.round(ready.navigationMs)}) req ${t.reqStart} resp ${t.resp} domInt ${t.domInt} dcl ${t.dcl} | ${t.res.join(' ')} | ${t.marks.join(' ')}`,
  );
}
console.log('median', median(all));
await kiosk.k.close();
await service.close();
await browser.close();
