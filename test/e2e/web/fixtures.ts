import { test as base, expect, type Page } from '@playwright/test';
import { expectAccessible, guardPage, heading, shot } from '../../support/e2e-page.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { PASSWORD } from '../../support/passwords.js';

export { expectAccessible, heading, shot };
export { expect };

export const COMPANY = '株式会社 ハローワークア';
export const OFFICE = '飯田橋公共職業安定所';
export const OTP_SUBJECT = 'ワンタイムパスワード通知';

type Fixtures = {
  /** Fails the test if the page breaks the service's Content-Security-Policy or throws. */
  pageGuard: void;
  /** The real service on a fresh SQLite database, mail over SMTP on loopback, serving dist/renderer. */
  service: TestService;
  /** A fresh employer account (its ID is unique per test). */
  employer: { id: string; password: string };
};

let n = 0;

export const test = base.extend<Fixtures>({
  pageGuard: [async ({ page }, use) => guardPage(page, use), { auto: true }],
  service: async ({}, use) => {
    const service = await startTestService({ database: 'sqlite', smtp: true, serveRenderer: true });
    await use(service);
    await service.close();
  },
  employer: async ({ service }, use) => {
    const id = `taro${process.pid}-${n++}@example.jp`;
    await service.createEmployer({ id, password: PASSWORD, company: COMPANY, office: OFFICE });
    await use({ id, password: PASSWORD });
  },
});

/** ID and password on 求人者マイページログイン, then ログイン. */
export async function submitLogin(page: Page, id: string, password: string): Promise<void> {
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
  await page.getByLabel('ID（メールアドレス）').fill(id);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

/** From the service's address: ID and password, then ワンタイムパスワード入力; returns the OTP mailed for it. */
export async function openOtpStep(page: Page, service: TestService, id: string, password: string): Promise<string> {
  await page.goto(service.url);
  await submitLogin(page, id, password);
  await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
  return service.mail.latestCode(id, OTP_SUBJECT);
}

/** On ワンタイムパスワード入力: the OTP mailed to `id`, then 送信; lands on 求人者マイページホーム. */
export async function enterMailedOtp(page: Page, service: TestService, id: string): Promise<void> {
  await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
  await page.getByLabel('ワンタイムパスワード', { exact: true }).fill(await service.mail.latestCode(id, OTP_SUBJECT));
  await page.getByRole('button', { name: '送信' }).click();
  await expect(heading(page, '求人者マイページホーム')).toBeVisible();
}

/** Log in with the OTP read from the mail; lands on 求人者マイページホーム. */
export async function loginWithOtp(
  page: Page,
  service: TestService,
  id: string,
  password: string,
  opts: { remember?: boolean } = {},
): Promise<void> {
  const otp = await openOtpStep(page, service, id, password);
  await page.getByLabel('ワンタイムパスワード', { exact: true }).fill(otp);
  if (opts.remember)
    await page.getByLabel('次回以降、同じ端末・ブラウザでログインする際にワンタイムパスワードを省略する').check();
  await page.getByRole('button', { name: '送信' }).click();
  if (opts.remember) {
    await expect(heading(page, 'ワンタイムパスワード省略設定確認')).toBeVisible();
    await page.getByRole('button', { name: 'OK' }).click();
  }
  await expect(heading(page, '求人者マイページホーム')).toBeVisible();
}

export const RESET_SUBJECT = 'パスワード再登録申込受付通知';
export const REREG_SUBJECT = 'アカウント再登録申込受付通知';
export const EMAIL_CHANGE_SUBJECT = 'ID（メールアドレス）変更申込受付通知';

/** From the home screen: ログアウト, then back on the login screen. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page.getByText('ログアウトしました。')).toBeVisible();
  await page.getByRole('button', { name: 'ログイン画面へ' }).click();
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
}

/** 各種設定 → one of its screens. */
export async function openSettings(page: Page, item: string): Promise<void> {
  await page
    .getByRole('navigation', { name: '求人者マイページメニュー' })
    .getByRole('link', { name: '各種設定' })
    .click();
  await expect(heading(page, '各種設定')).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: item }).click();
  await expect(heading(page, item)).toBeVisible();
}
