/// <reference lib="dom" />
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kioskChannels, type KioskEvent } from '../../../src-shared/kiosk-bridge.js';
import { loadKioskConfig } from '../../../src-main/core/config/load-config.js';
import { createKioskCore, type KioskCore } from '../../../src-main/core/kiosk-core.js';
import { ManualClock } from '../../../src-main/core/manual-clock.js';
import { MemorySettingsStore, type Logger } from '../../../src-main/core/ports.js';
import type { SecretBox } from '../../../src-main/core/terminal/secret-box.js';
import type { SessionWiper } from '../../../src-main/core/wipe/session-wiper.js';
import { kioskStartFragment } from '../../../src-shared/kiosk-start-hint.js';

/**
 * The kiosk without Electron (ARCHITECTURE.md): the real core handlers behind `window.kiosk`.
 * `context.exposeBinding` stands in for ipcMain (and, like main, drops calls from any page but the
 * current one); an init script builds `window.kiosk` from the channel list, as the preload does;
 * the wiper works on the browser context through CDP, as Electron's session does on its partition.
 * It does what src-main/electron/kiosk-window.ts does, no less: the kiosk entry (kiosk.html) where
 * the screens are served, a new page for each wipe (a spare one, started on about:blank at the
 * visitor's first input, as the window keeps a spare view), the clears and the checks at once.
 */
export type KioskPage = {
  core: KioskCore;
  clock: ManualClock;
  store: MemorySettingsStore;
  page(): Page;
  logLines: string[];
  restarts: string[];
};

function initScript(channels: readonly string[]) {
  const w = window as unknown as Record<string, unknown> & { __kioskInvoke(channel: string, payload: unknown): Promise<unknown> };
  const listeners = new Set<(event: unknown) => void>();
  const api: Record<string, unknown> = {
    onEvent(listener: (event: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  for (const channel of channels) api[channel] = (input?: unknown) => w.__kioskInvoke(channel, input);
  Object.defineProperty(window, 'kiosk', { value: Object.freeze(api), writable: false, configurable: false });
  Object.defineProperty(window, '__kioskEmit', { value: (event: unknown) => listeners.forEach((l) => l(event)) });
}

export async function openKiosk(context: BrowserContext, opts: { appUrl: string; osBacked?: boolean; settings?: Record<string, unknown> }): Promise<KioskPage> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-host-'));
  const store = new MemorySettingsStore(opts.settings ?? {});
  const loaded = await loadKioskConfig({ store, policyPath: path.join(dir, 'policy.json') });
  const clock = new ManualClock();
  const logLines: string[] = [];
  const restarts: string[] = [];
  const log: Logger = {
    info: (m, d) => void logLines.push(`info ${m} ${JSON.stringify(d ?? {})}`),
    warn: (m, d) => void logLines.push(`warn ${m} ${JSON.stringify(d ?? {})}`),
    error: (m, d) => void logLines.push(`error ${m} ${JSON.stringify(d ?? {})}`),
  };
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  const box: SecretBox = {
    backend: opts.osBacked === false ? 'basic_text' : 'test_keyring',
    osBacked: opts.osBacked !== false,
    encrypt: (p) => flip(Buffer.from(p)),
    decrypt: (c) => flip(c).toString(),
  };
  const origin = new URL(opts.appUrl).origin;
  // Electron loads app://kiosk/kiosk.html; here the same entry comes from the service.
  const entryUrl = new URL('kiosk.html', opts.appUrl).href;
  type Contents = { page: Page; cdp: CDPSession };
  let page: Page | undefined;
  let cdp: CDPSession | undefined;
  let spare: Promise<Contents> | undefined;
  const makeContents = async (): Promise<Contents> => {
    const next = await context.newPage(); // about:blank in a renderer process of its own
    const nextCdp = await context.newCDPSession(next);
    await nextCdp.send('Network.enable');
    return { page: next, cdp: nextCdp };
  };
  const wiper: SessionWiper = {
    async clearStorageData() {
      // Electron's session.clearStorageData clears cookies and the origin's storage in one call.
      await Promise.all([context.clearCookies(), cdp?.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' })]);
    },
    async clearHttpCache() {
      if (cdp) await cdp.send('Network.clearBrowserCache');
    },
    async clearAuthCache() {
      // Chromium keeps HTTP auth per context; this suite uses none, and CDP has no call for it.
    },
    async replaceContents(start) {
      const ready = spare?.catch(() => undefined);
      spare = undefined;
      const next = (await ready) ?? (await makeContents());
      // As the window does: the new page is the kiosk's page from here (the shell asks the bridge
      // for its status while the page loads), the old one is closed before the new one navigates
      // (it can write nothing after the check), and the step ends when the login page commits.
      const old = page;
      page = next.page;
      cdp = next.cdp;
      await old?.close();
      // What main knows (enrolled, language) rides in the fragment, as the window's URL does.
      await next.page.goto(entryUrl + kioskStartFragment(start), { waitUntil: 'commit' });
    },
    async leftovers() {
      const found: string[] = [];
      // The context's and the page's checks at once: the page is still starting the app.
      const [cookies, counts] = await Promise.all([
        context.cookies(),
        // IndexedDB and Cache Storage are asked at once (each is a trip to the storage backend).
        page!.evaluate(async () => {
          const [idb, cacheNames] = await Promise.all([indexedDB.databases(), caches.keys()]);
          return { local: localStorage.length, session: sessionStorage.length, idb: idb.length, caches: cacheNames.length };
        }),
      ]);
      if (cookies.length) found.push(`${cookies.length} cookie(s)`);
      for (const [kind, n] of Object.entries(counts)) if (n) found.push(`${n} ${kind}`);
      return found;
    },
    restartApp: (reason) => void restarts.push(reason),
  };

  const core = createKioskCore({
    loaded,
    store,
    box,
    machineId: async () => 'kiosk-host-suite-machine-0001',
    keyFile: path.join(dir, 'terminal-key.pem'),
    clock,
    log,
    wiper,
    emit: (event: KioskEvent) => {
      void page?.evaluate((e) => (window as unknown as { __kioskEmit(e: unknown): void }).__kioskEmit(e), event).catch(() => undefined);
    },
    quit: () => undefined,
    version: '0.1.0-kiosk-host',
    label: 'kiosk-host suite',
    probePaint: async () => (await page?.evaluate(() => new Promise<boolean>((r) => requestAnimationFrame(() => r(true))))) ?? false,
  });

  await context.exposeBinding('__kioskInvoke', async (source, channel: string, payload: unknown) => {
    if (!page || source.page !== page || source.frame !== page.mainFrame()) throw new Error('refused: not the kiosk page');
    // The visitor's first input after a wipe starts the spare page for the next one (as the
    // window does on its view's first input event).
    if (channel === 'activity' && !spare) {
      const made = makeContents();
      spare = made;
      made.catch(() => {
        if (spare === made) spare = undefined;
      });
    }
    return core.dispatch(channel, payload);
  });
  await context.addInitScript(initScript, kioskChannels);
  await core.start(); // the start-up wipe opens the first page
  return { core, clock, store, page: () => page!, logLines, restarts };
}
