/// <reference lib="dom" />
import type { BrowserContext, Page } from '@playwright/test';

/**
 * Marks, inside the page, the moment the login form can take input: the password field
 * (#login-password, LoginScreen.svelte) is in the document and enabled. Svelte attaches the
 * handlers when it inserts the elements, so that is also when typing works. Stored as epoch
 * milliseconds (timeOrigin + now) so the Node side can compare it with its own clock.
 */
function markLoginReady() {
  const w = window as unknown as { __loginReadyAt?: number; __navigationMs?: number };
  const check = () => {
    const field = document.querySelector<HTMLInputElement>('#login-password');
    if (!field || field.disabled || w.__loginReadyAt !== undefined) return false;
    w.__navigationMs = performance.now(); // from navigation start
    w.__loginReadyAt = performance.timeOrigin + performance.now();
    return true;
  };
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
}

export async function watchLoginReady(context: BrowserContext): Promise<void> {
  // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name(…)` helper;
  // functions handed to the page (this one, the kiosk host's bridge) need it there too.
  await context.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
  await context.addInitScript(markLoginReady);
}

/** Waits for the mark in `page`; returns [ms from navigation start, epoch ms]. */
export async function loginReady(page: Page, timeoutMs = 15_000): Promise<{ navigationMs: number; at: number }> {
  await page.waitForFunction(
    () => (window as unknown as { __loginReadyAt?: number }).__loginReadyAt !== undefined,
    undefined,
    { timeout: timeoutMs, polling: 10 },
  );
  return page.evaluate(() => {
    const w = window as unknown as { __loginReadyAt: number; __navigationMs: number };
    return { navigationMs: w.__navigationMs, at: w.__loginReadyAt };
  });
}

export const epochNow = () => performance.timeOrigin + performance.now();

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
