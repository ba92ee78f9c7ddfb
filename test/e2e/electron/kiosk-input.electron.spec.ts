/// <reference lib="dom" />
import { expect, type Page } from '@playwright/test';
import { osk, oskKey, typeOnOsk } from '../kiosk-host/osk-flows.js';
import { advance, launchKiosk } from './electron-app.js';
import { enroll, heading, skipWithoutElectron, test } from './electron-fixtures.js';

// Issue 13 against the real app: the same flows as test/e2e/kiosk-host/on-screen-keyboard.spec.ts
// and display-settings.spec.ts, for a tester with the Electron binary (docs/testers.md).
skipWithoutElectron('on-screen keyboard and display settings suite');

const controls = (page: Page) => page.getByTestId('display-controls');

test.describe('the Electron kiosk: on-screen keyboard and display settings (issue 13)', () => {
  test('issue 13: policy "always" — a whole login typed on the on-screen keyboard alone, the field keeping the focus', async ({
    service,
    employer,
  }, testInfo) => {
    test.setTimeout(300_000);
    const app = await launchKiosk(testInfo, { serviceUrl: service.url, onScreenKeyboard: 'always' });
    try {
      const page = await app.firstWindow();
      await enroll(page, service);
      await page.getByLabel('ID（メールアドレス）').click();
      await expect(osk(page)).toHaveAttribute('data-layout', 'id');
      await typeOnOsk(page, employer.id, 'click');
      await page.locator('#login-password').click();
      await typeOnOsk(page, employer.password, 'click');
      await expect(page.locator('#login-password')).toHaveAttribute('type', 'password');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
      await page.getByRole('button', { name: 'ログイン', exact: true }).click();
      await expect(heading(page, '求人者マイページホーム')).toBeVisible();
    } finally {
      await app.close();
    }
  });

  test('issue 13: policy "never" — no on-screen keyboard', async ({ service }, testInfo) => {
    const app = await launchKiosk(testInfo, { serviceUrl: service.url, onScreenKeyboard: 'never' });
    try {
      const page = await app.firstWindow();
      await enroll(page, service);
      await page.getByLabel('ID（メールアドレス）').click();
      await expect(oskKey(page, 'a')).toHaveCount(0);
      await expect(osk(page)).toHaveCount(0);
    } finally {
      await app.close();
    }
  });

  test('issue 13: 特大 and 白黒反転 are gone after the idle wipe — the next page is 標準 / 標準', async ({
    service,
  }, testInfo) => {
    const app = await launchKiosk(testInfo, { serviceUrl: service.url });
    try {
      const page = await app.firstWindow();
      await enroll(page, service);
      await controls(page).getByRole('button', { name: '特大', exact: true }).click();
      await controls(page).getByRole('button', { name: '白黒反転', exact: true }).click();
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('32px');
      await advance(app, 120_000);
      await expect.poll(() => page.isClosed()).toBe(true);
      const fresh = app.windows().find((p) => !p.isClosed())!;
      await expect(heading(fresh, '求人者マイページログイン')).toBeVisible();
      expect(await fresh.evaluate(() => ({ ...document.documentElement.dataset }))).toEqual({
        textSize: 'standard',
        contrast: 'standard',
      });
      expect(await fresh.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('16px');
    } finally {
      await app.close();
    }
  });
});
