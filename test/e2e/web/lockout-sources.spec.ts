import type { Browser, Page } from '@playwright/test';
import {
  enterMailedOtp,
  expect,
  expectAccessible,
  heading,
  loginWithOtp,
  logout,
  shot,
  submitLogin,
  test,
} from './fixtures.js';

/** Another browser: a context of its own (its own cookies), set up like the config's. */
async function browserOf(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 1024 },
  });
  return context.newPage();
}

test("R-LOGIN-6: a stranger's five wrong passwords (on the English screens) lock only the stranger's \"anywhere else\"; the owner's browser that signed in before still signs in", async ({
  browser,
  service,
  employer,
}) => {
  const owner = await browserOf(browser);
  await loginWithOtp(owner, service, employer.id, employer.password);
  await logout(owner);

  const stranger = await browserOf(browser);
  await stranger.goto(service.url);
  await stranger.getByRole('button', { name: 'English' }).click();
  await expect(heading(stranger, 'Employer My Page login')).toBeVisible();
  for (let i = 1; i <= 5; i++) {
    await stranger.getByLabel('ID (e-mail address)').fill(employer.id);
    await stranger.getByLabel('Password', { exact: true }).fill(`Wrong-pass${i}`);
    await stranger.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect(stranger.getByRole('alert')).toContainText(
      i < 5 ? 'The ID (e-mail address) or password is incorrect.' : 'login is locked',
    );
  }
  // R-LOGIN-3: the wait said once (the time left), then the way out now.
  await expect(stranger.getByRole('alert')).toContainText(
    /The password was entered wrongly 5 times, so login is locked\. You can try again in about \d+ minutes\./,
  );
  await expect(stranger.getByRole('alert')).toContainText('reset your password with "Forgot your password?"');
  await expect(stranger.getByLabel('ID (e-mail address)')).toHaveValue(employer.id);
  await expectAccessible(stranger);
  await shot(stranger, '43-login-locked-stranger-english');

  await submitLogin(owner, employer.id, employer.password);
  await enterMailedOtp(owner, service, employer.id);
  await owner.context().close();
  await stranger.context().close();
});
