/// <reference lib="dom" />
import { expect, test as base, type Page } from '@playwright/test';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { issueEnrollmentCode } from '../../support/kiosk-host/kiosk-admin.js';
import { ELECTRON, FOUND_ELECTRON, skipReason, versionProblem } from './electron-app.js';
import { PASSWORD } from '../../support/passwords.js';

/**
 * What every Electron spec shares: a service on SQLite with a real SMTP sink, one employer, and
 * the steps a visitor takes on the real app (enroll the terminal, sign in). One copy, so the three
 * suites cannot drift from each other or from the kiosk-host flows they mirror.
 */

export const test = base.extend<{ service: TestService; employer: { id: string; password: string } }>({
  service: async ({}, use) => {
    const service = await startTestService({ database: 'sqlite', smtp: true });
    await use(service);
    await service.close();
  },
  employer: async ({ service }, use, testInfo) => {
    const id = `electron${Date.now()}-${testInfo.workerIndex}@example.jp`;
    await service.createEmployer({
      id,
      password: PASSWORD,
      company: '株式会社 ハローワークア',
      office: '飯田橋公共職業安定所',
    });
    await use({ id, password: PASSWORD });
  },
});

/**
 * R-KIOSK-6: where the binary is missing, each suite says so plainly and skips. Where it is not
 * the pinned Electron (issue 22), each test fails saying which version it found and which it needs.
 */
export function skipWithoutElectron(suite: string): void {
  if (!ELECTRON) console.log(`[electron] skipping the ${suite}: ${skipReason}`);
  else if (versionProblem) console.log(`[electron] the ${suite} cannot run: ${versionProblem}`);
  else console.log(`[electron] the ${suite} runs on Electron ${FOUND_ELECTRON} at ${ELECTRON}`);
  test.skip(!ELECTRON, skipReason); // skip: no Electron binary on this machine; the reason is printed above
  test.beforeEach(() => {
    if (versionProblem) throw new Error(versionProblem);
  });
}

export const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

export async function enroll(page: Page, service: TestService): Promise<void> {
  await expect(heading(page, '端末登録')).toBeVisible();
  await page.getByLabel('登録コード').fill(await issueEnrollmentCode(service));
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
}

export async function login(page: Page, id: string, password: string): Promise<void> {
  await page.getByLabel('ID（メールアドレス）').fill(id);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}
