import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible, guardPage, heading, shot } from '../../support/e2e-page.js';
import { createStaff } from '../../../src-server/staff/staff-members.service.js';
import { createClient } from '../../support/http-client.js';
import { PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { api } from '../../../src-shared/api/routes.js';

export { expectAccessible, heading, shot };
export { expect, PASSWORD };

export const OFFICE = '飯田橋公共職業安定所';
export const OTHER_OFFICE = '渋谷公共職業安定所';
export const OTP_SUBJECT = 'ワンタイムパスワード通知';
export const RESET_SUBJECT = 'パスワード再登録申込受付通知';
export type StaffService = TestService & { staff: NonNullable<TestService['staff']> };

type Fixtures = {
  /** Fails the test if the page breaks the staff listener's Content-Security-Policy or throws. */
  pageGuard: void;
  /** The service with its staff listener (STAFF_PORT) on a fresh SQLite database, serving dist/renderer. */
  service: StaffService;
  /** A passkey authenticator in the page (CDP: internal, resident key, user verified). */
  authenticator: string;
};

export const test = base.extend<Fixtures>({
  pageGuard: [async ({ page }, use) => guardPage(page, use), { auto: true }],
  service: async ({}, use) => {
    const service = await startTestService({ database: 'sqlite', smtp: true, serveRenderer: true, staff: true });
    if (!service.staff) throw new Error('the staff listener did not start');
    await use(service as StaffService);
    await service.close();
  },
  authenticator: async ({ page }, use) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await use(authenticatorId);
  },
});

/**
 * Nothing on the screen scrolls sideways: not the page, not a table's box (its region, by name).
 * The console's desks are 1280 px wide or more (issue 21).
 */
export async function expectNoSidewaysScroll(page: Page, ...regions: string[]): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  for (const name of regions) {
    const region = page.getByRole('region', { name });
    expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth), name).toBeLessThanOrEqual(0);
    // a box that does not scroll is no keyboard stop
    await expect(region).not.toHaveAttribute('tabindex');
  }
}

/** Whether the element is within the window, left to right (not cut at either edge). */
export async function expectWithinWidth(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box, 'on screen').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

/** `mypage create-staff`, as the service does it: the staff ID and the one-time registration code. */
export function newStaff(svc: StaffService, role: 'office' | 'it', name = role === 'it' ? '情報 花子' : '窓口 太郎') {
  return createStaff(svc.db, svc.clock, { name, role, ...(role === 'office' ? { office: OFFICE } : {}) });
}

/** パスキーの登録 with the staff ID and code; lands on 職員ログイン with the staff ID filled in. */
export async function registerPasskey(page: Page, staffId: string, code: string): Promise<void> {
  await page.getByRole('button', { name: 'はじめての方（パスキーの登録）' }).click();
  await expect(heading(page, 'パスキーの登録')).toBeVisible();
  await page.getByLabel('職員ID').fill(staffId);
  await page.getByLabel('登録コード').fill(code);
  await page.getByRole('button', { name: 'パスキーを登録' }).click();
  await expect(heading(page, '職員ログイン')).toBeVisible();
  await expect(page.getByText('パスキーを登録しました。')).toBeVisible();
}

/** 職員ログイン: staff ID, ログイン, the passkey. */
export async function signInStaff(page: Page, staffId: string): Promise<void> {
  await expect(heading(page, '職員ログイン')).toBeVisible();
  await page.getByLabel('職員ID').fill(staffId);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

/** A staff member of `role` created, registered and signed in through the console. */
export async function staffConsole(page: Page, svc: StaffService, role: 'office' | 'it'): Promise<string> {
  const { staffId, code } = await newStaff(svc, role);
  await page.goto(svc.staff.origin);
  await registerPasskey(page, staffId, code);
  await signInStaff(page, staffId);
  await expect(heading(page, role === 'it' ? '端末一覧' : '求人者検索')).toBeVisible();
  return staffId;
}

/** An employer signed in through both steps over HTTP (for withdrawing, or to prove a login works). */
export async function employerSignIn(svc: StaffService, id: string, password = PASSWORD) {
  const client = createClient(svc.url);
  const login = await client.post<{ status: string; challenge: string }>(api.login.path, { id, password });
  if (login.status !== 200) return { client, status: login.status, body: login.body as unknown as { error?: string } };
  const otp = await svc.mail.latestCode(id, OTP_SUBJECT);
  const done = await client.post(api.loginOtp.path, { challenge: login.body.challenge, otp, rememberDevice: false });
  return { client, status: done.status, body: done.body as { error?: string } };
}

/** Five wrong passwords from "anywhere else": the account shows ロック中. */
export async function lockOut(svc: StaffService, id: string): Promise<void> {
  const stranger = createClient(svc.url);
  for (let i = 0; i < 5; i++) await stranger.post(api.login.path, { id, password: 'Wr0ng!pass' });
}

/** The employer withdraws (退会) from 各種設定. */
export async function withdraw(svc: StaffService, id: string): Promise<void> {
  const { client, status } = await employerSignIn(svc, id);
  if (status !== 200) throw new Error(`sign-in before withdrawal: ${status}`);
  const r = await client.post(api.withdraw.path, { password: PASSWORD });
  if (r.status !== 204) throw new Error(`withdraw: ${r.status} ${JSON.stringify(r.body)}`);
}

/** An employer of OFFICE, `company`, with a fresh ID (`prefix-…@example.jp`) and PASSWORD: its ID. */
export async function officeEmployer(svc: StaffService, prefix: string, company: string): Promise<string> {
  const id = `${prefix}-${Date.now().toString(36)}@example.jp`;
  await svc.createEmployer({ id, password: PASSWORD, company, office: OFFICE });
  return id;
}

/** 求人者検索: `query` typed into 事業所名またはID, then 検索. */
export async function searchEmployers(page: Page, query: string): Promise<void> {
  await page.getByLabel('事業所名またはID').fill(query);
  await page.getByRole('button', { name: '検索', exact: true }).click();
}

/** A clerk of OFFICE signs in to the console (on 求人者検索) and searches for `query`. */
export async function signInAndSearch(page: Page, svc: StaffService, query: string): Promise<void> {
  await staffConsole(page, svc, 'office');
  await searchEmployers(page, query);
}
