/// <reference lib="dom" />
import { expect } from '@playwright/test';
import { revokeTerminal } from '../../support/kiosk-host/kiosk-admin.js';
import { advance, launchKiosk, mainToken, shownPage } from './electron-app.js';
import { enroll, heading, login, skipWithoutElectron, test } from './electron-fixtures.js';
import { api } from '../../../src-shared/api/routes.js';

// R-KIOSK-6: testers drive the real Electron app. Where the binary is missing, say so plainly.
skipWithoutElectron('Electron suite');

test.describe('R-KIOSK-6: Playwright drives the Electron kiosk (R-KIOSK-1, R-KIOSK-2, R-KIOSK-3, R-KIOSK-4, R-OTP-7)', () => {
  test('R-OTP-7 / R-KIOSK-2: enroll → attested login → home, no OTP mailed', async ({
    service,
    employer,
  }, testInfo) => {
    const app = await launchKiosk(testInfo, { serviceUrl: service.url });
    try {
      const page = await app.firstWindow();
      await enroll(page, service);
      await login(page, employer.id, employer.password);
      await expect(heading(page, '求人者マイページホーム')).toBeVisible();
      expect(service.mail.messages()).toEqual([]);
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined'); // no Node in the page
    } finally {
      await app.close();
    }
  });

  test('R-KIOSK-2: a revoked terminal falls back to the OTP step without the skip checkbox', async ({
    service,
    employer,
  }, testInfo) => {
    const app = await launchKiosk(testInfo, { serviceUrl: service.url });
    try {
      const page = await app.firstWindow();
      await enroll(page, service);
      const status = await page.evaluate(() =>
        (window as unknown as { kiosk: { status(): Promise<{ data: { terminalId: string } }> } }).kiosk.status(),
      );
      await revokeTerminal(service, status.data.terminalId);
      await login(page, employer.id, employer.password);
      await expect(heading(page, 'ワンタイムパスワード入力')).toBeVisible();
      await expect(page.getByTestId('attestation-note')).toBeVisible();
      await expect(page.getByRole('checkbox')).toHaveCount(0);
    } finally {
      await app.close();
    }
  });

  test('R-KIOSK-4: idle → countdown → wipe; a fresh page, nothing stored, the old token refused', async ({
    service,
    employer,
  }, testInfo) => {
    const app = await launchKiosk(testInfo, { serviceUrl: service.url });
    try {
      const page = await app.firstWindow();
      await enroll(page, service);
      await login(page, employer.id, employer.password);
      await expect(heading(page, '求人者マイページホーム')).toBeVisible();
      const token = await mainToken(app);
      expect(token).toBeTruthy();
      await advance(app, 90_000);
      await expect(page.getByRole('alertdialog')).toContainText('あと 30 秒');
      await advance(app, 30_000);
      // The wipe shows the page made ahead on a new partition, and the visitor's page closes.
      await expect.poll(() => page.isClosed()).toBe(true);
      const fresh = await shownPage(app, page);
      await expect(heading(fresh, '求人者マイページログイン')).toBeVisible();
      await expect(fresh.getByLabel('ID（メールアドレス）')).toHaveValue('');
      expect(
        await fresh.evaluate(async () => [
          document.cookie,
          localStorage.length,
          sessionStorage.length,
          (await indexedDB.databases()).length,
        ]),
      ).toEqual(['', 0, 0, 0]);
      expect(
        (await fetch(`${service.url}${api.home.path}`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(401);
    } finally {
      await app.close();
    }
  });
});
