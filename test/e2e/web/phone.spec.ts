import type { Page } from '@playwright/test';
import { expect, expectAccessible, heading, loginWithOtp, shot, test } from './fixtures.js';

/**
 * The lines an element's text is laid out in, as the person sees them (one string a line). A line
 * that starts inside an English word (a letter right before it, no space) is marked with ¦.
 */
async function linesOf(page: Page, selector: string): Promise<string[][]> {
  return page.evaluate((sel) => {
    return Array.from(document.querySelectorAll(sel)).map((el) => {
      const lines: { top: number; text: string }[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let before = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++, before = text[i - 1]!) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect || rect.width === 0) continue;
          const line = lines.find((l) => Math.abs(l.top - rect.top) < rect.height / 2);
          if (line) line.text += text[i];
          else
            lines.push({
              top: rect.top,
              text: (/[A-Za-z]/.test(before + text[i]) && /[A-Za-z]{2}/.test(before + text[i]) ? '¦' : '') + text[i],
            });
        }
      }
      return lines.sort((a, b) => a.top - b.top).map((l) => l.text.trim());
    });
  }, selector);
}

/** Lines that start in the middle of an English word. */
function brokenWords(lines: string[][]): string[] {
  return lines.flatMap((el) => el.filter((line) => line.startsWith('¦')));
}

async function expectPhoneLayout(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  for (const lines of await linesOf(page, '.lang-btn')) expect(lines).toHaveLength(1);
  for (const lines of await linesOf(page, '.brand-ja')) expect(lines.length).toBeLessThanOrEqual(2);
  for (const lines of await linesOf(page, '.footer-links')) expect(lines.filter((l) => l.startsWith('|'))).toEqual([]);
  expect(brokenWords(await linesOf(page, 'h1, h2, th, .btn, .lang-btn, .brand-ja'))).toEqual([]);
}

test.use({ viewport: { width: 390, height: 844 } });

test('phones (390×844): the header and footer fit, no word breaks in the middle, nothing scrolls sideways', async ({
  page,
  service,
  employer,
}) => {
  await page.goto(service.url);
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
  expect((await linesOf(page, 'h1'))[0]).toEqual(['求人者マイページログイン']);
  await expectPhoneLayout(page);
  await expectAccessible(page);
  await shot(page, '27-login-phone');

  await loginWithOtp(page, service, employer.id, employer.password);
  const [title] = await linesOf(page, 'h1');
  // 求人者マイページホーム breaks, if at all, between its phrases: never ホー / ム.
  expect(title!.join('')).toBe('求人者マイページホーム');
  expect(title!.every((line) => ['求人者マイページホーム', '求人者マイページ', 'ホーム'].includes(line))).toBe(true);
  await expectPhoneLayout(page);
  await shot(page, '28-home-phone');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(heading(page, 'Employer My Page home')).toBeVisible();
  await expectPhoneLayout(page);
  await expectAccessible(page);
});
