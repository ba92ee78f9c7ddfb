import { errorText } from '../../../src-shared/api/errors.js';
import { enterMailedOtp, expect, expectAccessible, heading, shot, submitLogin, test } from './fixtures.js';
import { api } from '../../../src-shared/api/routes.js';

test('R-LOGIN-1: help while typing — 全角 at once, Caps Lock, show/hide password, errors under the fields', async ({
  page,
  service,
}) => {
  await page.goto(service.url);
  const id = page.getByLabel('ID（メールアドレス）');
  const password = page.getByLabel('パスワード', { exact: true });

  // Empty submit: each field says what is missing, focus goes to the first.
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.locator('#login-id-error')).toHaveText(/「ID（メールアドレス）」を入力してください。/);
  await expect(page.locator('#login-password-error')).toHaveText(/「パスワード」を入力してください。/);
  await expect(id).toBeFocused();
  await expect(id).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('入力内容をご確認ください');

  await id.fill('ｔａｒｏ＠example.jp');
  await expect(
    page.getByText('全角文字が含まれています。ID（メールアドレス）は半角で入力してください。'),
  ).toBeVisible();
  await password.fill('ｐａｓｓ');
  await expect(page.getByText('全角文字が含まれています。パスワードは半角で入力してください。')).toBeVisible();
  await password.dispatchEvent('keydown', { key: 'A', modifierCapsLock: true });
  await expect(page.getByText('Caps Lock がオンになっています。', { exact: false })).toBeVisible();
  await expectAccessible(page);
  await shot(page, '23-login-typing-help');

  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: '表示する （パスワード）' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  await page.getByRole('button', { name: '隠す （パスワード）' }).click();
  await expect(password).toHaveAttribute('type', 'password');
});

test('Deploy: the service answering 503 (database away) or the proxy finding no instance says so and keeps what was typed', async ({
  page,
  service,
}) => {
  await page.goto(service.url);
  const answers = [
    {
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: 'service_unavailable', message: errorText.service_unavailable.ja }),
    },
    { status: 502, contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' },
  ];
  for (const answer of answers) {
    await page.route(`**${api.login.path}`, (route) => route.fulfill(answer));
    await submitLogin(page, 'taro@example.jp', 'Passw0rd!');
    await expect(page.getByRole('alert')).toContainText(
      'ただいま一時的にご利用いただけません。しばらく経ってから、もう一度お試しください。',
    );
    await expect(page.getByLabel('ID（メールアドレス）')).toHaveValue('taro@example.jp');
    await expect(page.getByLabel('パスワード', { exact: true })).toHaveValue('Passw0rd!');
    await page.unroute(`**${api.login.path}`);
  }
});

test('R-LOGIN-1: a network failure keeps what was typed; 送信 cannot be pressed twice while a request runs', async ({
  page,
  service,
}) => {
  await page.goto(service.url);
  await page.route(`**${api.login.path}`, (route) => route.abort('internetdisconnected'));
  await submitLogin(page, 'taro@example.jp', 'Passw0rd!');
  await expect(page.getByRole('alert')).toContainText('通信エラーが発生しました。');
  await expect(page.getByLabel('ID（メールアドレス）')).toHaveValue('taro@example.jp');
  await expect(page.getByLabel('パスワード', { exact: true })).toHaveValue('Passw0rd!');
  await shot(page, '24-login-network-error');

  // Hold the answer until the test lets it go: the button is disabled meanwhile and one request leaves.
  await page.unroute(`**${api.login.path}`);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let calls = 0;
  await page.route(`**${api.login.path}`, async (route) => {
    calls += 1;
    await held;
    await route.continue();
  });
  const button = page.getByRole('button', { name: 'ログイン', exact: true });
  await button.click();
  await expect(button).toBeDisabled();
  await expect(page.getByText('送信しています。しばらくお待ちください。')).toBeVisible();
  await page.getByLabel('パスワード', { exact: true }).press('Enter');
  release();
  await expect(page.getByRole('alert')).toContainText('ID（メールアドレス）またはパスワードが正しくありません。');
  expect(calls).toBe(1);
});

test('English switch: the same screens in English, Japanese by default', async ({ page, service, employer }) => {
  await page.goto(service.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(heading(page, 'Employer My Page login')).toBeVisible();
  await expectAccessible(page);
  await shot(page, '25-login-english');
  await page.getByLabel('ID (e-mail address)').fill(employer.id);
  await page.getByLabel('Password', { exact: true }).fill(employer.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(heading(page, 'Enter one-time password')).toBeVisible();
  await expect(
    page.getByLabel('Skip the one-time password when logging in from this device and browser from now on'),
  ).toBeVisible();
  await page.getByRole('button', { name: '日本語' }).click();
  await enterMailedOtp(page, service, employer.id);
});

test('the language chosen stays across a reload in the same browser', async ({ page, service }) => {
  await page.goto(service.url);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(heading(page, 'Employer My Page login')).toBeVisible();
  await page.reload();
  await expect(heading(page, 'Employer My Page login')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: '日本語' }).click();
  await page.reload();
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
});

test('the screens fit 1920×1080 as well as 1280×1024, with touch-sized controls', async ({ page, service }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(service.url);
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
  // Touch targets: every button and field is at least 44px high.
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('button, input:not([type=checkbox]), .btn'))
      .filter((el) => el.getBoundingClientRect().height < 44)
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(small).toEqual([]);
  await shot(page, '26-login-1920');
});

test('R-LOGIN-1: with Caps Lock on and a full-width character typed, one press of ログイン sends the login (nothing moves under the pointer)', async ({
  page,
  service,
}) => {
  await page.goto(service.url);
  await page.getByLabel('ID（メールアドレス）').fill('taro@example.jp');
  const password = page.getByLabel('パスワード', { exact: true });
  await password.fill('Ｐassw0rd!');
  await password.dispatchEvent('keydown', { key: 'P', modifierCapsLock: true });
  await expect(page.getByText('Caps Lock がオンになっています。', { exact: false })).toBeVisible();
  const button = page.getByRole('button', { name: 'ログイン', exact: true });
  const before = await button.boundingBox();
  // A real press: the pointer goes down (the password field loses focus), then up at the same place.
  const sent = page.waitForRequest((r) => r.url().endsWith(api.login.path) && r.method() === 'POST');
  await page.mouse.move(before!.x + before!.width / 2, before!.y + before!.height / 2);
  await page.mouse.down();
  expect(await button.boundingBox()).toEqual(before);
  await page.mouse.up();
  await sent;
  await expect(page.getByText('Caps Lock がオンになっています。', { exact: false })).toBeVisible();
});

test('a favicon: every page names one, the service serves it, and nothing the page asks for is 404', async ({
  page,
  service,
}) => {
  const missing: string[] = [];
  page.on('response', (r) => void (r.status() === 404 && missing.push(r.url())));
  for (const path of ['/', '/kiosk.html']) {
    await page.goto(service.url + path);
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    const icon = await page.request.get(new URL(href!, page.url()).toString());
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\/svg\+xml/);
  }
  expect(missing).toEqual([]);
});
