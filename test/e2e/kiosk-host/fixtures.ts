import { test as base } from '@playwright/test';
import { expect } from '../../support/kiosk-host/kiosk-flows.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { openKiosk, type KioskPage, type OpenKioskOptions } from '../../support/kiosk-host/kiosk-page.js';
import { PASSWORD } from '../../support/passwords.js';

export { expect };
export const OTP_SUBJECT = 'ワンタイムパスワード通知';

type Fixtures = {
  /** The real service on a fresh SQLite database, mail over SMTP on loopback, serving dist/renderer. */
  service: TestService;
  employer: { id: string; password: string };
  /** Opens the kiosk page backed by the real core handlers (a fresh context per test). */
  kiosk: (opts?: Omit<OpenKioskOptions, 'appUrl'>) => Promise<KioskPage>;
};

let n = 0;

export const test = base.extend<Fixtures>({
  service: async ({}, use) => {
    const service = await startTestService({ database: 'sqlite', smtp: true, serveRenderer: true });
    await use(service);
    await service.close();
  },
  employer: async ({ service }, use) => {
    const id = `kiosk${process.pid}-${n++}@example.jp`;
    await service.createEmployer({
      id,
      password: PASSWORD,
      company: '株式会社 ハローワークア',
      office: '飯田橋公共職業安定所',
    });
    await use({ id, password: PASSWORD });
  },
  kiosk: async ({ browser, service, hasTouch }, use) => {
    const opened: KioskPage[] = [];
    await use(async (opts = {}) => {
      // Each partition is a context of its own, made as the suite's contexts are.
      // (`test.use({ hasTouch: true })` reaches them: a touch-screen terminal, issue 13)
      const contextOptions = {
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        viewport: { width: 1280, height: 1024 },
        hasTouch,
      };
      const k = await openKiosk(browser, { appUrl: `${service.url}/`, contextOptions, ...opts });
      opened.push(k);
      return k;
    });
    for (const k of opened) await k.close();
  },
});
