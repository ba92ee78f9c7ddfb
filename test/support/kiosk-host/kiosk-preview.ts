import type { Browser } from '@playwright/test';
import { ManualClock } from '../../../src-main/core/manual-clock.js';
import { openKiosk, type KioskPage } from './kiosk-page.js';
import { startSwitchableProxy } from './switchable-proxy.js';

/** The office `mypage seed-demo` creates: the demo terminal is enrolled there. */
export const DEMO_OFFICE = '飯田橋公共職業安定所';

export type KioskPreview = {
  kiosk: KioskPage;
  /** The service stops answering the kiosk (「ただいまご利用いただけません」) / answers again. */
  offline(): void;
  online(): void;
  /** Moves the kiosk's time on at once (e.g. to the idle warning, 90 s without input). */
  skip(ms: number): void;
  close(): Promise<void>;
};

export type KioskPreviewOptions = {
  /** The running service (`npm start`'s, or a test's). */
  serviceUrl: string;
  /** A one-time code (`mypage enroll-code`): the demo terminal enrolls itself before start-up. */
  enrollmentCode: string;
  /** How often real time moves the kiosk's clock, in ms; 0: never (a test moves it with `skip`). */
  tickMs?: number;
};

/**
 * The kiosk in Chromium, for people: what `npm start` opens where the Electron binary is missing
 * (scripts/kiosk-preview.ts; issue 21). It is the kiosk host of the test suites, not a copy of it
 * (`openKiosk`: the real src-main/core behind `window.kiosk`, each visitor's page in a browser
 * context of its own, the wipe showing the page made ahead), with:
 * - time that flows: the core's clock is moved by the wall clock (the idle warning after 90 s
 *   without input, the wipe at 120 s, the heartbeat every 5 minutes);
 * - the demo terminal enrolled with a one-time code, as main's scripted enrollment does;
 * - the on-screen keyboard always on, and every page marked プレビュー (`window.kiosk.preview`);
 * - the core reaching the service through a switchable proxy, so the offline screen can be shown.
 */
export async function openKioskPreview(browser: Browser, opts: KioskPreviewOptions): Promise<KioskPreview> {
  const proxy = await startSwitchableProxy(opts.serviceUrl);
  const clock = new ManualClock(Date.now());
  let kiosk: KioskPage;
  try {
    kiosk = await openKiosk(browser, {
      appUrl: new URL('/', opts.serviceUrl).href,
      clock,
      enrollmentCode: opts.enrollmentCode,
      preview: true,
      policy: { serviceUrl: proxy.url, office: DEMO_OFFICE, onScreenKeyboard: 'always', restartAtHour: null },
      contextOptions: { locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 1024 } },
    });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  const tickMs = opts.tickMs ?? 250;
  let last = Date.now();
  const ticker =
    tickMs > 0
      ? setInterval(() => {
          const now = Date.now();
          clock.advance(now - last);
          last = now;
        }, tickMs)
      : undefined;
  return {
    kiosk,
    offline: () => proxy.down('reset'),
    online: () => proxy.up(),
    skip: (ms) => clock.advance(ms),
    async close() {
      clearInterval(ticker);
      await kiosk.close();
      await proxy.close();
    },
  };
}
