/// <reference lib="dom" />
import type { Locator, Page } from '@playwright/test';
import { oskLayouts, type OskLayout, type OskPage } from '../../../src-renderer/kiosk/osk/osk-layouts.js';
import { expect } from './fixtures.js';

export const osk = (page: Page): Locator => page.getByTestId('osk');
/** One key of the on-screen keyboard, by what it types (`{bksp}` and the like for the action keys). */
export const oskKey = (page: Page, key: string): Locator =>
  osk(page).locator(`button[data-skbtn=${JSON.stringify(key)}]`);

export type Press = 'tap' | 'click' | 'keyboard';

async function press(key: Locator, how: Press): Promise<void> {
  if (how === 'tap') await key.tap();
  else if (how === 'click') await key.click();
  else {
    await key.focus(); // Tab would reach it too; the field stays the keyboard's target
    await key.press('Enter');
  }
}

const keysOf = (layout: OskLayout, page: OskPage): string[] =>
  (oskLayouts[layout][page] ?? []).flatMap((row) => row.split(' '));

/**
 * Types `text` on the on-screen keyboard alone: each character's key, switching to 大文字 / 記号
 * and back as a visitor would. The keyboard must be open on the field already.
 */
export async function typeOnOsk(page: Page, text: string, how: Press = 'tap'): Promise<void> {
  const panel = osk(page);
  await expect(panel).toBeVisible();
  for (const ch of text) {
    const layout = (await panel.getAttribute('data-layout')) as OskLayout;
    const current = (await panel.getAttribute('data-page')) as OskPage;
    if (!keysOf(layout, current).includes(ch)) {
      const wanted = (['default', 'shift', 'symbols'] as const).find((p) => keysOf(layout, p).includes(ch));
      if (!wanted) throw new Error(`no key for ${JSON.stringify(ch)} in the ${layout} layout`);
      // From 記号 back to letters first; then 大文字 when the letter is upper case.
      if (current === 'symbols') await press(oskKey(page, '{abc}'), how);
      if (wanted === 'symbols') await press(oskKey(page, '{symbols}'), how);
      else if (wanted !== 'default' || current === 'shift') {
        if ((await panel.getAttribute('data-page')) !== wanted) await press(oskKey(page, '{shift}'), how);
      }
      await expect(panel).toHaveAttribute('data-page', wanted);
    }
    await press(oskKey(page, ch), how);
  }
}
