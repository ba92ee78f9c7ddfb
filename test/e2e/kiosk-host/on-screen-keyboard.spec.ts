import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { expectAccessible } from '../web/fixtures.js';
import { expect, OTP_SUBJECT, test } from './fixtures.js';
import { revokeTerminal } from '../../support/kiosk-host/kiosk-admin.js';
import { enrollThroughScreen, heading } from '../../support/kiosk-host/kiosk-flows.js';
import { osk, oskKey, typeOnOsk } from './osk-flows.js';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('docs/screens', { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `docs/screens/${name}.png`, fullPage: false, animations: 'disabled', caret: 'hide' });
}
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

test.describe('the on-screen keyboard (issue 13)', () => {
  test.use({ hasTouch: true });

  test('issue 13: a whole login typed by touch on the on-screen keyboard alone — ID, password (masked), and the OTP on the numeric pad', async ({
    kiosk,
    service,
    employer,
  }) => {
    test.setTimeout(300_000); // some forty key presses, each an actionability check on a busy machine
    const k = await kiosk({ touchScreen: true }); // policy "auto" on a touch screen
    await enrollThroughScreen(k, service);
    const status = await k.core.dispatch('status', undefined);
    // An unverified terminal: the OTP step is reached (R-KIOSK-2), so the numeric pad is used too.
    await revokeTerminal(service, (status as { data: { terminalId: string } }).data.terminalId);
    const page = k.page();

    const id = page.getByLabel('ID（メールアドレス）');
    await id.tap();
    await expect(osk(page)).toBeVisible();
    await expect(osk(page)).toHaveAttribute('data-layout', 'id');
    await expect(oskKey(page, '.co.jp')).toBeVisible();
    const [local, domain] = employer.id.split('@') as [string, string];
    await typeOnOsk(page, `${local}@${domain.replace(/\.jp$/, '')}`);
    await oskKey(page, '.jp').tap();
    await expect(id).toHaveValue(employer.id);
    expect(await activeId(page)).toBe('login-id'); // the keyboard never took the focus
    await expectAccessible(page);
    await shot(page, '66-kiosk-osk-id');

    const password = page.locator('#login-password');
    await password.tap();
    await expect(osk(page)).toHaveAttribute('data-layout', 'password');
    await typeOnOsk(page, 'x');
    await oskKey(page, '{bksp}').tap(); // 削除
    await typeOnOsk(page, employer.password);
    await expect(password).toHaveValue(employer.password);
    await expect(password).toHaveAttribute('type', 'password'); // masked echo
    expect(await activeId(page)).toBe('login-password');
    await oskKey(page, '{symbols}').tap();
    await expect(oskKey(page, '{abc}')).toHaveText('英数');
    await expectAccessible(page);
    await shot(page, '67-kiosk-osk-password-symbols');

    await page.getByRole('button', { name: 'ログイン', exact: true }).tap();
    await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
    await expect(osk(page)).toBeHidden(); // the focus went to the new heading
    const otp = page.getByLabel('ワンタイムパスワード', { exact: true });
    await otp.tap();
    await expect(osk(page)).toHaveAttribute('data-layout', 'otp');
    await expect(oskKey(page, 'a')).toHaveCount(0); // a numeric pad only
    await typeOnOsk(page, await service.mail.latestCode(employer.id, OTP_SUBJECT));
    await expectAccessible(page);
    await shot(page, '68-kiosk-osk-otp');
    await page.getByRole('button', { name: '送信' }).tap();
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();
  });

  test('issue 13: the physical keyboard keeps typing with the on-screen keyboard open; keys work by mouse and by Enter; 閉じる closes it, a tap on the field opens it again', async ({
    kiosk,
    service,
  }) => {
    test.setTimeout(180_000);
    const k = await kiosk({ policy: { onScreenKeyboard: 'always' } }); // no touch screen reported
    await enrollThroughScreen(k, service);
    const page = k.page();
    const id = page.getByLabel('ID（メールアドレス）');
    await id.click();
    await expect(osk(page)).toBeVisible();
    await page.keyboard.type('ab');
    await typeOnOsk(page, 'c', 'click');
    await page.keyboard.type('d');
    await expect(id).toHaveValue('abcd');
    expect(await activeId(page)).toBe('login-id');

    await typeOnOsk(page, 'E', 'keyboard'); // a focused key, pressed with Enter, still types into the field
    await expect(id).toHaveValue('abcdE');
    await id.focus();
    await page.keyboard.press('Backspace');
    await oskKey(page, '{bksp}').click();
    await expect(id).toHaveValue('abc');

    await oskKey(page, '{close}').click();
    await expect(osk(page)).toBeHidden();
    expect(await activeId(page)).toBe('login-id');
    await page.keyboard.type('!');
    await expect(id).toHaveValue('abc!'); // full-width help and the rest of typing are as on the web
    await id.click();
    await expect(osk(page)).toBeVisible();
    await page.getByRole('heading', { level: 1 }).click(); // anywhere else: it closes
    await expect(osk(page)).toBeHidden();
  });

  test('issue 21: 次へ moves from the ID to the password and, from the last field, sends the form, as Enter does', async ({
    kiosk,
    service,
    employer,
  }) => {
    const k = await kiosk({ touchScreen: true });
    await enrollThroughScreen(k, service);
    const page = k.page();
    const id = page.getByLabel('ID（メールアドレス）');
    const password = page.locator('#login-password');
    await id.tap();
    await expect(osk(page)).toHaveAttribute('data-layout', 'id');
    await expect(oskKey(page, '{next}')).toHaveText('次へ');
    await id.fill(employer.id);
    await oskKey(page, '{next}').tap();
    await expect(password).toBeFocused();
    await expect(osk(page)).toHaveAttribute('data-layout', 'password');
    // From the last field with nothing in it: the form's own checks answer, beside the field.
    await oskKey(page, '{next}').tap();
    await expect(page.locator('#login-password-error')).toHaveText('「パスワード」を入力してください。');
    await expect(password).toBeFocused();
    await expectAccessible(page);
    await password.fill(employer.password);
    await oskKey(page, '{next}').tap();
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();
  });

  test('issue 13: policy "never" keeps it off even on a touch screen', async ({ kiosk, service }) => {
    const k = await kiosk({ touchScreen: true, policy: { onScreenKeyboard: 'never' } });
    await enrollThroughScreen(k, service);
    const id = k.page().getByLabel('ID（メールアドレス）');
    await id.tap();
    await expect(id).toBeFocused();
    await expect(osk(k.page())).toHaveCount(0);
  });

  test('issue 13: policy "auto" (the default) without a touch screen: no on-screen keyboard', async ({
    kiosk,
    service,
  }) => {
    const k = await kiosk({ touchScreen: false });
    await enrollThroughScreen(k, service);
    const id = k.page().getByLabel('ID（メールアドレス）');
    await id.click();
    await expect(id).toBeFocused();
    await expect(osk(k.page())).toHaveCount(0);
  });
});
