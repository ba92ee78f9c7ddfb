/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { expectAccessible, shot } from '../web/fixtures.js';
import { expect, test } from './fixtures.js';
import { enrollThroughScreen, heading, typeLogin, wipeDone } from '../../support/kiosk-host/kiosk-flows.js';
import { osk } from './osk-flows.js';

const SIZES = [
  { name: '標準', key: 'standard', px: '16px' },
  { name: '大', key: 'large', px: '24px' },
  { name: '特大', key: 'xlarge', px: '32px' }, // WCAG 1.4.4: 200 %
] as const;
const CONTRASTS = [
  { name: '標準', key: 'standard' },
  { name: '白黒反転', key: 'inverted' },
] as const;

const controls = (page: Page) => page.getByTestId('display-controls');
// Each button's name starts with its group's (issue 21): 「文字サイズ 標準」, 「色合い 標準」.
const sizeButton = (page: Page, name: string) =>
  controls(page)
    .getByRole('group', { name: '文字サイズ' })
    .getByRole('button', { name: `文字サイズ ${name}`, exact: true });
const contrastButton = (page: Page, name: string) =>
  controls(page)
    .getByRole('group', { name: '色合い' })
    .getByRole('button', { name: `色合い ${name}`, exact: true });

/** The element's box lies wholly inside the window (nothing of it scrolled away). */
async function expectInView(page: Page, box: { x: number; y: number; width: number; height: number } | null) {
  const view = page.viewportSize()!;
  expect(box, 'on screen').not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(view.height);
}

/** What the window shows (the keyboard is fixed to its bottom). */
async function viewShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `docs/screens/${name}.png`, animations: 'disabled', caret: 'hide' });
}

/** No horizontal scroll: the page is never wider than the window (WCAG 1.4.10 at 200 % text). */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
}

async function expectEachWindowSize(page: Page): Promise<void> {
  for (const viewport of [
    { width: 1280, height: 1024 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(viewport);
    await expectNoHorizontalScroll(page);
  }
  await page.setViewportSize({ width: 1280, height: 1024 });
}

test.describe('文字サイズ and 色合い on every kiosk screen (issue 13)', () => {
  test('issue 13: each 文字サイズ × 色合い on the login screen — root font size, axe clean, no sideways scroll at 1280×1024 and 1920×1080; screenshots', async ({
    kiosk,
    service,
  }) => {
    test.setTimeout(240_000);
    const k = await kiosk();
    const page = k.page();
    // 端末登録 has them too (every screen of the kiosk).
    await expect(heading(page, '端末登録')).toBeVisible();
    await expect(controls(page)).toBeVisible();
    await enrollThroughScreen(k, service);
    let n = 60;
    for (const contrast of CONTRASTS) {
      await contrastButton(page, contrast.name).click();
      for (const size of SIZES) {
        await sizeButton(page, size.name).click();
        await expect(sizeButton(page, size.name)).toHaveAttribute('aria-pressed', 'true');
        await expect(contrastButton(page, contrast.name)).toHaveAttribute('aria-pressed', 'true');
        expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(size.px);
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
          contrast.key === 'inverted' ? 'rgb(0, 0, 0)' : 'rgb(255, 255, 255)',
        );
        await expectAccessible(page);
        await expectEachWindowSize(page);
        await shot(page, `${n++}-kiosk-login-${size.key}-${contrast.key}`);
      }
    }
  });

  test('issue 13: at 特大 and 白黒反転 home, 各種設定 and the idle warning hold too (axe clean, no sideways scroll)', async ({
    enrolledKiosk: k,
    employer,
  }) => {
    test.setTimeout(180_000);
    const page = k.page();
    await sizeButton(page, '特大').click();
    await contrastButton(page, '白黒反転').click();
    await typeLogin(page, employer.id, employer.password);
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();
    await expectAccessible(page);
    await expectEachWindowSize(page);
    await page.getByRole('link', { name: '各種設定' }).first().click();
    await expect(heading(page, '各種設定')).toBeVisible();
    await expectAccessible(page);
    await expectEachWindowSize(page);
    // The idle warning on top of it, in the same settings.
    await k.until(() => k.core.idle.state.phase === 'active');
    k.clock.advance(90_000);
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectAccessible(page);
    await expectEachWindowSize(page);
  });

  test('issue 13: the wipe gives the next visitor the defaults — a new page, 標準 and 標準, nothing stored', async ({
    enrolledKiosk: k,
    employer,
  }) => {
    const page = k.page();
    await sizeButton(page, '特大').click();
    await contrastButton(page, '白黒反転').click();
    await typeLogin(page, employer.id, employer.password);
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();
    expect(await page.evaluate(() => ({ ...document.documentElement.dataset }))).toEqual({
      textSize: 'xlarge',
      contrast: 'inverted',
    });
    // Nothing of the settings is kept anywhere a next page could read it.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([
      0,
      0,
      '',
    ]);

    await page.getByRole('button', { name: 'ログアウト' }).first().click();
    await wipeDone(k, 2);
    const fresh = k.page();
    expect(fresh).not.toBe(page);
    await expect(heading(fresh, '求人者マイページログイン')).toBeVisible();
    await expect(sizeButton(fresh, '標準')).toHaveAttribute('aria-pressed', 'true');
    await expect(contrastButton(fresh, '標準')).toHaveAttribute('aria-pressed', 'true');
    expect(await fresh.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('16px');
    expect(await fresh.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await fresh.evaluate(() => ({ ...document.documentElement.dataset }))).toEqual({
      textSize: 'standard',
      contrast: 'standard',
    });
  });

  test('issue 21: each 標準 is told apart by ear (「文字サイズ 標準」, 「色合い 標準」) and by eye (each group boxed with its name); at 特大 on 1280×1024 ログイン is on screen without scrolling', async ({
    enrolledKiosk: k,
  }) => {
    const page = k.page();
    await expect(page.getByRole('button', { name: '文字サイズ 標準', exact: true })).toHaveCount(1);
    await expect(page.getByRole('button', { name: '色合い 標準', exact: true })).toHaveCount(1);
    await expect(page.getByRole('button', { name: '標準', exact: true })).toHaveCount(0);
    // Each group's name is shown in its box, ahead of its buttons (theirs is for the ear only).
    for (const name of ['文字サイズ', '色合い']) {
      const group = controls(page).getByRole('group', { name });
      const label = group.getByText(name, { exact: true }).first();
      await expect(label).toBeVisible();
      const [box, shown] = [(await group.boundingBox())!, (await label.boundingBox())!];
      expect(shown.width).toBeGreaterThan(40);
      expect(shown.x).toBeGreaterThanOrEqual(box.x);
      expect(shown.x + shown.width).toBeLessThanOrEqual(box.x + box.width);
    }
    await sizeButton(page, '特大').click();
    await expect(sizeButton(page, '特大')).toHaveAttribute('aria-pressed', 'true');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expectInView(page, await page.getByRole('button', { name: 'ログイン', exact: true }).boundingBox());
    await expectAccessible(page);
  });

  test('issue 21: 文字サイズ / 色合い stay on screen — the page scrolled to its end, and the on-screen keyboard open at 特大 with the password field shown between them (docs/screens/69)', async ({
    kiosk,
    service,
  }) => {
    const k = await kiosk({ policy: { onScreenKeyboard: 'always' } });
    await enrollThroughScreen(k, service);
    const page = k.page();
    await sizeButton(page, '特大').click();
    await expect(sizeButton(page, '特大')).toHaveAttribute('aria-pressed', 'true');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await expectInView(page, await controls(page).boundingBox());

    const password = page.locator('#login-password');
    await password.click();
    await expect(osk(page)).toHaveAttribute('data-layout', 'password');
    const bar = (await controls(page).boundingBox())!;
    const field = (await password.boundingBox())!;
    const keyboard = (await osk(page).boundingBox())!;
    await expectInView(page, bar);
    expect(field.y, 'the field is below the bar').toBeGreaterThanOrEqual(bar.y + bar.height);
    expect(field.y + field.height, 'the field is above the keyboard').toBeLessThanOrEqual(keyboard.y);
    await expectAccessible(page);
    await viewShot(page, '69-kiosk-osk-xlarge');
  });
});
