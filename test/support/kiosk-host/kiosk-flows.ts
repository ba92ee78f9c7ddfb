/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import type { TestService } from '../service-harness.js';
import { expect as playwrightExpect } from '@playwright/test';
import { issueEnrollmentCode } from './kiosk-admin.js';
import type { KioskPage } from './kiosk-page.js';

/**
 * The kiosk-host suite's `expect`: no time limit of its own. Each assertion waits for the page (or,
 * polled, the host) to reach its state; only the test's timeout bounds it (issue 21: 5 s limits
 * failed on a busy machine while the kiosk was still on its way).
 */
export const expect = playwrightExpect.configure({ timeout: 0 });

export const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/**
 * 端末登録 through the screen, as IT staff do on first start; `serviceUrl` is what they type as
 * サービスのURL (the service's own by default, a proxy's in front of it in the offline spec).
 */
export async function enrollThroughScreen(
  k: KioskPage,
  service: TestService,
  serviceUrl: string = service.url,
): Promise<void> {
  const page = k.page();
  await expect(heading(page, '端末登録')).toBeVisible();
  await page.getByLabel('サービスのURL').fill(serviceUrl);
  await page.getByLabel('登録コード').fill(await issueEnrollmentCode(service));
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(heading(page, '求人者マイページログイン')).toBeVisible();
}

export async function typeLogin(page: Page, id: string, password: string): Promise<void> {
  await page.getByLabel('ID（メールアドレス）').fill(id);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

/** The visitor's Bearer token in the kiosk's core ('missing' when it has none). */
export function visitorToken(k: KioskPage): string {
  const c = k.core.session.credential;
  return c?.kind === 'bearer' && c.token ? c.token : 'missing';
}

/**
 * `employer` signs in on an enrolled kiosk's login screen and the home is shown: the set-up of the
 * idle and logout specs. Returns the visitor's page and Bearer token.
 */
export async function signInVisitor(
  k: KioskPage,
  employer: { id: string; password: string },
): Promise<{ page: Page; token: string }> {
  const page = k.page();
  await typeLogin(page, employer.id, employer.password);
  await expect(heading(page, '求人者マイページホーム')).toBeVisible();
  return { page, token: visitorToken(k) };
}

/** How many wipes the core has finished (it logs each). */
export const wipesDone = (k: KioskPage): number => k.logLines.filter((l) => l.startsWith('info wipe: done')).length;

/** Waits until `count` wipes are done: follows the core's log line, however long CDP's clears take. */
export async function wipeDone(k: KioskPage, count = 1): Promise<void> {
  await k.until(() => wipesDone(k) >= count);
}

/** Everything a page can keep, counted in the current page. */
export function traces(page: Page) {
  return page.evaluate(async () => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
  }));
}

/** What a visitor's page might leave behind: every kind of storage, written on purpose. */
export async function leaveTraces(page: Page): Promise<void> {
  await page.evaluate(async () => {
    localStorage.setItem('visitor', 'taro');
    sessionStorage.setItem('visitor', 'taro');
    document.cookie = 'visitor=taro; path=/; max-age=86400';
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('visitor-db', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('drafts');
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
    await (await caches.open('visitor-cache')).put('/visitor', new Response('taro'));
  });
}
