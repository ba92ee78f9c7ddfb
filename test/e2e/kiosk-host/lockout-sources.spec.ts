import type { Browser, Page } from '@playwright/test';
import { enterMailedOtp, expectAccessible, loginWithOtp, logout, shot, submitLogin } from '../web/fixtures.js';
import { expect, test } from './fixtures.js';
import { heading, typeLogin } from '../../support/kiosk-host/kiosk-flows.js';

const LOCKED = 'パスワード入力を5回誤ったため、ロックがかかりログインできません。';
// The way out now: パスワード再登録 in a browser; at an office terminal, the counter staff.
const WEB_WAY_OUT = '「パスワードをお忘れの方」からパスワードを再登録すると、ロックも解除されます。';
const KIOSK_WAY_OUT = '窓口の職員にお声がけください。ロックを解除できます。';

/** Another browser: a context of its own (its own cookies), set up like the config's. */
async function browserOf(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 1024 },
  });
  return context.newPage();
}

test.describe('lock-outs where the wrong passwords came from (R-LOGIN-6)', () => {
  test('R-LOGIN-6: a stranger\'s five wrong passwords in one browser lock that "anywhere else"; the owner\'s known browser and the kiosk still sign in', async ({
    browser,
    enrolledKiosk: k,
    service,
    employer,
  }) => {
    // The owner signed in from their own browser before: it is known to the account.
    const owner = await browserOf(browser);
    await loginWithOtp(owner, service, employer.id, employer.password);
    await logout(owner);

    // A stranger who knows the (public) address: five wrong passwords, then even the right one is refused.
    const stranger = await browserOf(browser);
    await stranger.goto(service.url);
    for (let i = 1; i <= 5; i++) await submitLogin(stranger, employer.id, `Wrong-pass${i}`);
    await submitLogin(stranger, employer.id, employer.password);
    await expect(stranger.getByRole('alert')).toContainText(LOCKED);
    await expect(stranger.getByRole('alert')).toContainText(WEB_WAY_OUT);
    await expect(stranger.getByLabel('ID（メールアドレス）')).toHaveValue(employer.id); // what was typed stays
    await expectAccessible(stranger);
    await shot(stranger, '40-login-locked-stranger');

    // The owner's own browser keeps its own five tries: the OTP step, then home.
    await submitLogin(owner, employer.id, employer.password);
    await enterMailedOtp(owner, service, employer.id);

    // The office kiosk (an attested terminal) too, without an OTP.
    const page = k.page();
    await typeLogin(page, employer.id, employer.password);
    await expect(heading(page, '求人者マイページホーム')).toBeVisible();
    await shot(page, '41-kiosk-home-after-stranger-lock');

    await owner.context().close();
    await stranger.context().close();
  });

  test("R-LOGIN-6: five wrong passwords at a kiosk lock that terminal only; the kiosk says so and keeps the ID; the owner's browser still signs in", async ({
    browser,
    enrolledKiosk: k,
    service,
    employer,
  }) => {
    const page = k.page();
    for (let i = 1; i <= 5; i++) await typeLogin(page, employer.id, `Wrong-pass${i}`);
    await typeLogin(page, employer.id, employer.password);
    await expect(page.getByRole('alert')).toContainText(LOCKED);
    await expect(page.getByRole('alert')).toContainText(KIOSK_WAY_OUT);
    await expect(page.getByRole('alert')).not.toContainText('パスワードを再登録');
    await expect(page.getByLabel('ID（メールアドレス）')).toHaveValue(employer.id);
    await expectAccessible(page);
    await shot(page, '42-kiosk-login-locked');

    const owner = await browserOf(browser);
    await owner.goto(service.url);
    await submitLogin(owner, employer.id, employer.password);
    await expect(heading(owner, 'ワンタイムパスワード入力')).toBeVisible();
    await owner.context().close();
  });
});
