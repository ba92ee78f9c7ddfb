// The page helpers every Playwright project's fixtures share (web, staff): one screenshot, one axe
// check, one heading lookup.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/** Screenshots of the screens for the docs (docs/screens). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('docs/screens', { recursive: true });
  // From the top: a full-page shot of a scrolled page draws a sticky bar (the kiosk's 文字サイズ) where the scroll left it.
  await page.evaluate(async () => {
    window.scrollTo(0, 0);
    await document.fonts.ready;
  });
  await page.screenshot({ path: `docs/screens/${name}.png`, fullPage: true, animations: 'disabled', caret: 'hide' });
}

/** No WCAG 2.0/2.1/2.2 A or AA violation on the screen as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`,
  );
  expect(found, 'axe-core WCAG A/AA violations').toEqual([]);
}

/** The screen's h1 by its words. */
export function heading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name });
}

/** The auto fixture `pageGuard`: fails the test if the page breaks the Content-Security-Policy or throws. */
export async function guardPage(page: Page, use: (r: void) => Promise<void>): Promise<void> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await use();
  expect(problems, 'CSP violations or uncaught errors in the page').toEqual([]);
}
