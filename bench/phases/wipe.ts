import type { Browser } from '@playwright/test';
import { R_KIOSK_4_IDLE_TIMEOUT_MS } from '../../src-shared/rules.js';
import { enrollThroughScreen, heading, typeLogin } from '../../test/support/kiosk-host/kiosk-flows.js';
import { openKiosk } from '../../test/support/kiosk-host/kiosk-page.js';
import { startTestService, type TestService } from '../../test/support/service-harness.js';
import { epochNow, loginReady, median, watchLoginReady } from '../lib/login-ready.js';
import { PASSWORD } from '../../test/support/passwords.js';

/**
 * R-KIOSK-4 in the kiosk host of the Playwright suites (test/e2e/kiosk-host: `window.kiosk`
 * backed by the real core handlers, one browser context per visitor partition): a visitor signs
 * in, then the idle clock runs out. Timed from the moment the timeout fires to the later of "wipe:
 * next page shown" (the page made ahead on the next partition is the kiosk's page) and an
 * interactive login form on it. The old partition's close, clears and leftovers check run behind
 * it; each run waits for "wipe: done" and counts as dirty if the check found anything, a field is
 * not empty or the new page has a cookie.
 */
export async function timeIdleWipe(
  browser: Browser,
  rendererDir: string,
  runs: number,
): Promise<{ median: number; all: number[]; dirty: number }> {
  const service = await startTestService({ database: 'sqlite', smtp: false, rendererDir });
  const all: number[] = [];
  let dirty = 0;
  let kiosk: Awaited<ReturnType<typeof enrolledKioskWithVisitor>> | undefined;
  try {
    kiosk = await enrolledKioskWithVisitor(browser, service);
    for (let i = 0; i < runs; i++) {
      const { total, fresh, leftovers } = await oneIdleWipe(kiosk);
      all.push(total);
      const fields = [
        await fresh.locator('#login-password').inputValue(),
        await fresh.getByLabel('ID（メールアドレス）').inputValue(),
      ];
      if (fields.some((v) => v !== '') || (await fresh.context().cookies()).length > 0 || leftovers.length > 0) dirty++;
    }
  } finally {
    await kiosk?.k.close();
    await service.close();
  }
  return { median: median(all), all, dirty };
}

const VISITOR = { id: 'wipe-bench@bench.example.jp', password: PASSWORD };

/** The kiosk host, enrolled through its screen, a visitor account, and a watch on "wipe: done". */
export async function enrolledKioskWithVisitor(browser: Browser, service: TestService) {
  // Each visitor partition (a browser context) marks when its login form is ready.
  const k = await openKiosk(browser, { appUrl: `${service.url}/`, setupContext: watchLoginReady });
  const wipeDone = { at: 0, shownAt: 0, leftovers: [] as string[] };
  // The core writes its log through this array; note when the wipe reports done (after its check).
  const push = k.logLines.push.bind(k.logLines);
  k.logLines.push = (...lines: string[]) => {
    if (lines.some((l) => l.startsWith('info wipe: done'))) wipeDone.at = epochNow();
    if (lines.some((l) => l.startsWith('info wipe: next page shown'))) wipeDone.shownAt = epochNow();
    for (const l of lines) if (l.startsWith('error wipe: traces remain')) wipeDone.leftovers.push(l);
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
  // A visitor stays minutes; the page made ahead for the next one has loaded by then.
  await nextPageReady(k);
  wipeDone.at = 0;
  wipeDone.shownAt = 0;
  const firedAt = epochNow();
  k.clock.advance(R_KIOSK_4_IDLE_TIMEOUT_MS);
  while ((wipeDone.at === 0 && wipeDone.leftovers.length === 0) || k.page() === page) {
    if (epochNow() - firedAt > 15_000) throw new Error('the idle wipe did not finish within 15 s');
    await new Promise((r) => setTimeout(r, 2));
  }
  const fresh = k.page();
  const ready = await loginReady(fresh);
  // The visitor's wait: until the next page is shown and its form interactive. The old
  // partition's close, clears and check run behind it; a run counts as dirty if the check fails.
  return {
    total: Math.max(ready.at, wipeDone.shownAt) - firedAt,
    firedAt,
    shownAt: wipeDone.shownAt,
    doneAt: wipeDone.at,
    ready,
    fresh,
    leftovers: wipeDone.leftovers.splice(0),
  };
}

/** Waits until the login page made ahead on the next partition has its form ready. */
async function nextPageReady(k: Awaited<ReturnType<typeof openKiosk>>): Promise<void> {
  const start = epochNow();
  for (;;) {
    const next = k.partitions().find((name) => name !== k.partitions()[0]);
    const page = next ? k.contextOf(next)?.pages()[0] : undefined;
    if (
      page &&
      (await page
        .evaluate(() => (window as unknown as { __loginReadyAt?: number }).__loginReadyAt !== undefined)
        .catch(() => false))
    )
      return;
    if (epochNow() - start > 15_000) throw new Error("the next visitor's page was not ready within 15 s");
    await new Promise((r) => setTimeout(r, 20));
  }
}
