import type { Browser, BrowserContext } from '@playwright/test';
import { R_KIOSK_4_IDLE_TIMEOUT_MS } from '../../src-shared/rules.js';
import { enrollThroughScreen, heading, typeLogin } from '../../test/e2e/kiosk-host/kiosk-flows.js';
import { openKiosk } from '../../test/e2e/kiosk-host/kiosk-page.js';
import { startTestService, type TestService } from '../../test/support/service-harness.js';
import { PASSWORD } from '../lib/fixtures.js';
import { epochNow, loginReady, median, watchLoginReady } from '../lib/login-ready.js';

/**
 * R-KIOSK-4 in the kiosk host of the Playwright suites (test/e2e/kiosk-host: `window.kiosk`
 * backed by the real core handlers, the wiper on the browser context): a visitor signs in, then
 * the idle clock runs out. Timed from the moment the timeout fires to the later of "wipe: done"
 * (the core logs it after its leftovers check) and an interactive login form on the new page.
 * Each run checks the screen is clean: empty fields, no cookie.
 */
export async function timeIdleWipe(browser: Browser, rendererDir: string, runs: number): Promise<{ median: number; all: number[]; dirty: number }> {
  const service = await startTestService({ database: 'sqlite', smtp: false, rendererDir });
  const context = await browser.newContext();
  const all: number[] = [];
  let dirty = 0;
  try {
    await watchLoginReady(context);
    const kiosk = await enrolledKioskWithVisitor(context, service);
    for (let i = 0; i < runs; i++) {
      const { total, fresh } = await oneIdleWipe(kiosk);
      all.push(total);
      const fields = [await fresh.locator('#login-password').inputValue(), await fresh.getByLabel('ID（メールアドレス）').inputValue()];
      if (fields.some((v) => v !== '') || (await context.cookies()).length > 0) dirty++;
    }
    kiosk.k.core.stop();
  } finally {
    await context.close();
    await service.close();
  }
  return { median: median(all), all, dirty };
}

const VISITOR = { id: 'wipe-bench@bench.example.jp', password: PASSWORD };

/** The kiosk host, enrolled through its screen, a visitor account, and a watch on "wipe: done". */
export async function enrolledKioskWithVisitor(context: BrowserContext, service: TestService) {
  const k = await openKiosk(context, { appUrl: `${service.url}/` });
  const wipeDone = { at: 0 };
  // The core writes its log through this array; note when the wipe reports done.
  const push = k.logLines.push.bind(k.logLines);
  k.logLines.push = (...lines: string[]) => {
    if (lines.some((l) => l.startsWith('info wipe: done'))) wipeDone.at = epochNow();
    return push(...lines);
  };
  await enrollThroughScreen(k, service);
  await service.createEmployer(VISITOR);
  return { k, wipeDone };
}

/**
 * One visitor: sign in, reach home, run the idle clock out, wait for "wipe: done" and the new
 * page's interactive login form. `total` is from the timeout firing to the later of the two.
 */
export async function oneIdleWipe({ k, wipeDone }: Awaited<ReturnType<typeof enrolledKioskWithVisitor>>) {
  const page = k.page();
  await typeLogin(page, VISITOR.id, VISITOR.password);
  await heading(page, '求人者マイページホーム').waitFor();
  wipeDone.at = 0;
  const firedAt = epochNow();
  k.clock.advance(R_KIOSK_4_IDLE_TIMEOUT_MS);
  while (wipeDone.at === 0 || k.page() === page) {
    if (epochNow() - firedAt > 15_000) throw new Error('the idle wipe did not finish within 15 s');
    await new Promise((r) => setTimeout(r, 2));
  }
  const fresh = k.page();
  const ready = await loginReady(fresh);
  return { total: Math.max(ready.at, wipeDone.at) - firedAt, firedAt, doneAt: wipeDone.at, ready, fresh };
}
