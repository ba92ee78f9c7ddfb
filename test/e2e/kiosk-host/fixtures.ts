import { test as base, type Page } from '@playwright/test';
import { enrollThroughScreen, expect, signInVisitor, wipeDone } from '../../support/kiosk-host/kiosk-flows.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { openKiosk, type KioskPage, type OpenKioskOptions } from '../../support/kiosk-host/kiosk-page.js';
import { startSwitchableProxy } from '../../support/kiosk-host/switchable-proxy.js';
import { PASSWORD } from '../../support/passwords.js';

export { expect };
export const OTP_SUBJECT = 'ワンタイムパスワード通知';

type Proxy = Awaited<ReturnType<typeof startSwitchableProxy>>;

type Fixtures = {
  /** The real service on a fresh SQLite database, mail over SMTP on loopback, serving dist/renderer. */
  service: TestService;
  employer: { id: string; password: string };
  /** Opens the kiosk page backed by the real core handlers (a fresh context per test). */
  kiosk: (opts?: Omit<OpenKioskOptions, 'appUrl'>) => Promise<KioskPage>;
  /** A kiosk enrolled through the 端末登録 screen, its start-up wipe done, on the login screen. */
  enrolledKiosk: KioskPage;
  /** An enrolled kiosk with `employer` signed in and 求人者マイページホーム shown. */
  signedInKiosk: { k: KioskPage; page: Page; token: string };
  /** A kiosk enrolled through a switchable proxy in front of the service, on the login screen. */
  proxiedKiosk: { k: KioskPage; proxy: Proxy };
};

let n = 0;

/** 端末登録 to `url`, then the start-up wipe: the kiosk waits on its login screen. */
async function enrolled(k: KioskPage, service: TestService, url: string): Promise<KioskPage> {
  await enrollThroughScreen(k, service, url);
  await wipeDone(k, 1); // the start-up wipe
  return k;
}

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
  enrolledKiosk: async ({ kiosk, service }, use) => {
    await use(await enrolled(await kiosk(), service, service.url));
  },
  signedInKiosk: async ({ enrolledKiosk: k, employer }, use) => {
    await use({ k, ...(await signInVisitor(k, employer)) });
  },
  proxiedKiosk: async ({ kiosk, service }, use) => {
    const proxy = await startSwitchableProxy(service.url);
    try {
      await use({ k: await enrolled(await kiosk(), service, proxy.url), proxy });
    } finally {
      await proxy.close();
    }
  },
});
