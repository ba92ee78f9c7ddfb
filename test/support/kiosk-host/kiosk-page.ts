/// <reference lib="dom" />
import type { Browser, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kioskChannels, type KioskEvent } from '../../../src-shared/kiosk-bridge.js';
import { loadKioskConfig } from '../../../src-main/core/config/load-config.js';
import { createRotatingLog, nodeLogFs } from '../../../src-main/core/diagnostics/rotating-log.js';
import { createKioskCore, type KioskCore } from '../../../src-main/core/kiosk-core.js';
import { ManualClock } from '../../../src-main/core/manual-clock.js';
import { MemorySettingsStore, type Logger } from '../../../src-main/core/ports.js';
import type { SecretBox } from '../../../src-main/core/terminal/secret-box.js';
import { enrollWithCode } from '../../../src-main/core/terminal/scripted-enrollment.js';
import type { SessionWiper } from '../../../src-main/core/wipe/session-wiper.js';
import { kioskStartFragment, type KioskStartHint } from '../../../src-shared/kiosk-start-hint.js';

/**
 * The kiosk without Electron (ARCHITECTURE.md): the real core handlers behind `window.kiosk`.
 * `context.exposeBinding` stands in for ipcMain (and, like main, drops calls from any page but the
 * current one, holding the ready page's until it is shown); an init script builds `window.kiosk`
 * from the channel list, as the preload does. Each visitor partition is a browser context of its
 * own (Electron: `session.fromPartition`, in memory): core names them, the next visitor's login
 * page is loaded ahead in the next one, a wipe shows it and closes the old page, clears and then
 * closes the old context. It does what src-main/electron/kiosk-window.ts does, no less.
 */
export type KioskPage = {
  core: KioskCore;
  clock: ManualClock;
  store: MemorySettingsStore;
  page(): Page;
  /** the live partitions (browser contexts), oldest first */
  partitions(): string[];
  contextOf(name: string): BrowserContext | undefined;
  logLines: string[];
  restarts: string[];
  /**
   * Resolves once `check()` holds, checked again at each thing the host sees happen (a log line, a
   * bridge call answered, an event sent to the page, a wipe step settled): a wait that follows
   * events, never the wall clock (the test's own timeout bounds it).
   */
  until(check: () => boolean): Promise<void>;
  /** Resolves when the partition `name` has been dropped and its browser context is closed. */
  dropped(name: string): Promise<void>;
  /** Resolves when the latest preparation of the next visitor's page has settled (loaded or failed). */
  nextPageSettled(): Promise<void>;
  close(): Promise<void>;
};

function initScript({ channels, preview }: { channels: readonly string[]; preview: boolean }) {
  const w = window as unknown as Record<string, unknown> & {
    __kioskInvoke(channel: string, payload: unknown): Promise<unknown>;
  };
  const listeners = new Set<(event: unknown) => void>();
  const api: Record<string, unknown> = {
    onEvent(listener: (event: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  if (preview) api.preview = true; // KioskApi.preview: the page marks itself プレビュー
  for (const channel of channels) api[channel] = (input?: unknown) => w.__kioskInvoke(channel, input);
  Object.defineProperty(window, 'kiosk', { value: Object.freeze(api), writable: false, configurable: false });
  Object.defineProperty(window, '__kioskEmit', { value: (event: unknown) => listeners.forEach((l) => l(event)) });
}

export type OpenKioskOptions = {
  appUrl: string;
  osBacked?: boolean;
  settings?: Record<string, unknown>;
  /** each partition's browser context is made with these */
  contextOptions?: BrowserContextOptions;
  /** and then given these init scripts (the bench's login-ready mark) */
  setupContext?: (context: BrowserContext) => Promise<void>;
  /** IT's policy file (written for this kiosk); none when absent */
  policy?: Record<string, unknown>;
  /** What the "OS" reports for `onScreenKeyboard: "auto"` (Electron: a display with touch support) */
  touchScreen?: boolean;
  /** The core's clock (default: a ManualClock the test moves; the preview moves its own with real time) */
  clock?: ManualClock;
  /** A one-time code: the terminal enrolls itself before start-up, as main does with HELLOWORK_KIOSK_ENROLL_CODE */
  enrollmentCode?: string;
  /** The kiosk preview for people (kiosk-preview.ts): `window.kiosk.preview`, and the shown page is brought to the front */
  preview?: boolean;
};

export async function openKiosk(browser: Browser, opts: OpenKioskOptions): Promise<KioskPage> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-host-'));
  const store = new MemorySettingsStore(opts.settings ?? {});
  const policyPath = path.join(dir, 'policy.json');
  if (opts.policy) writeFileSync(policyPath, JSON.stringify(opts.policy));
  const loaded = await loadKioskConfig({ store, policyPath });
  const clock = opts.clock ?? new ManualClock();
  const logLines: string[] = [];
  const restarts: string[] = [];
  const waiters = new Set<{ check: () => boolean; resolve: () => void }>();
  const happened = () => {
    for (const w of waiters)
      if (w.check()) {
        waiters.delete(w);
        w.resolve();
      }
  };
  const until = (check: () => boolean): Promise<void> =>
    check() ? Promise.resolve() : new Promise((resolve) => waiters.add({ check, resolve }));
  const line = (level: string) => (m: string, d?: Record<string, unknown>) => {
    logLines.push(`${level} ${m} ${JSON.stringify(d ?? {})}`);
    happened();
  };
  // the log main writes (R-DIAG-1: JSON lines in the profile), each line also kept in logLines
  const also: Logger = { info: line('info'), warn: line('warn'), error: line('error') };
  const log = createRotatingLog({ fs: nodeLogFs, dir: path.join(dir, 'logs'), clock, also });
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  const box: SecretBox = {
    backend: opts.osBacked === false ? 'basic_text' : 'test_keyring',
    osBacked: opts.osBacked !== false,
    encrypt: (p) => flip(Buffer.from(p)),
    decrypt: (c) => flip(c).toString(),
  };
  // Electron loads app://kiosk/kiosk.html; here the same entry comes from the service.
  const entryUrl = new URL('kiosk.html', opts.appUrl).href;
  // A partition is a browser context of its own (Electron: session.fromPartition, in memory).
  type Partition = {
    context: BrowserContext;
    /** the page of the latest preparation, made or still being made */
    opening?: Promise<Page>;
    page?: Page;
    loaded?: Promise<void>;
    shown?: () => void;
    held?: Promise<void>;
  };
  const partitions = new Map<string, Partition>();
  let current: Partition | undefined;
  let retiring: Partition[] = [];
  // One context per name, also when the wipe asks for the next page while it is being made.
  const making = new Map<string, Promise<Partition>>();
  const partitionOf = (name: string): Promise<Partition> => {
    let made = making.get(name);
    if (!made) {
      made = (async () => {
        const context = await browser.newContext(opts.contextOptions ?? {});
        const p: Partition = { context };
        await opts.setupContext?.(context);
        await context.exposeBinding('__kioskInvoke', (source, channel: string, payload: unknown) =>
          invoke(source.page, source.frame, channel, payload),
        );
        await context.addInitScript(initScript, { channels: kioskChannels, preview: opts.preview === true });
        partitions.set(name, p);
        return p;
      })();
      making.set(name, made);
    }
    return made;
  };
  // The next visitor's page: its bridge calls wait until it is shown (as ipc.ts holds the spare's).
  // A later preparation on the same partition (another hint, after 端末登録) replaces the earlier
  // page, made or still being made, as kiosk-window.ts's prepare() drops its spare view: one page
  // per partition, never two (issue 21: the earlier page was left open when it was still opening).
  const load = async (p: Partition, start?: KioskStartHint) => {
    const earlier = p.opening;
    const opening = p.context.newPage();
    p.opening = opening;
    p.held = new Promise<void>((r) => (p.shown = r));
    await earlier?.then(
      (page) => page.close(),
      () => undefined,
    );
    const page = await opening;
    if (p.opening !== opening) {
      await page.close();
      throw new Error('replaced by a later preparation');
    }
    p.page = page;
    await page.goto(entryUrl + kioskStartFragment(start), { waitUntil: 'load' });
  };
  let preparing: Promise<void> = Promise.resolve();
  const drops = new Map<string, Promise<void>>();
  const steps: SessionWiper = {
    async prepareNext(name, start) {
      const prepared = (async () => {
        const p = await partitionOf(name);
        p.loaded = load(p, start);
        await p.loaded;
        // A window of its own in a headed browser: the visitor's stays in front of it.
        if (opts.preview) await current?.page?.bringToFront();
      })();
      preparing = prepared.catch(() => undefined);
      await prepared;
    },
    async replaceContents(name, start) {
      const p = await partitionOf(name);
      const ready = p.loaded
        ? await p.loaded.then(
            () => true,
            () => false,
          )
        : false;
      const old = current;
      current = p;
      if (!ready || !p.page) p.loaded = load(p, start);
      p.shown?.();
      // Kept for closePage: the old page is the kiosk's page no more (its calls are refused).
      if (old && old !== p) retiring.push(old);
      await p.loaded;
      if (opts.preview) await p.page?.bringToFront();
    },
    async closePage(name) {
      const p = partitions.get(name);
      const gone = retiring.filter((r) => r === p);
      retiring = retiring.filter((r) => r !== p);
      await Promise.all(gone.map(async (r) => r.page?.close()));
    },
    async clearClipboard() {
      // The host has no OS clipboard of its own; Electron's glue clears it (clipboard.clear).
    },
    async clearStorageData(name) {
      // The old page is closed: cookies go now, the rest with the context itself (dropPartition).
      await partitions.get(name)?.context.clearCookies();
    },
    async clearHttpCache() {},
    async clearAuthCache() {},
    async leftovers(old) {
      const found: string[] = [];
      const page = current?.page;
      const oldContext = old ? partitions.get(old)?.context : undefined;
      const [cookies, counts] = await Promise.all([
        oldContext ? oldContext.cookies() : Promise.resolve([]),
        // What the shown page can reach (IndexedDB and Cache Storage asked at once).
        page
          ? page.evaluate(async () => {
              const [idb, cacheNames] = await Promise.all([indexedDB.databases(), caches.keys()]);
              return {
                local: localStorage.length,
                session: sessionStorage.length,
                idb: idb.length,
                caches: cacheNames.length,
              };
            })
          : Promise.resolve({} as Record<string, number>),
      ]);
      if (cookies.length) found.push(`${cookies.length} cookie(s)`);
      if (oldContext && oldContext.pages().length > 0) found.push('a page still open in the old partition');
      for (const [kind, n] of Object.entries(counts)) if (n) found.push(`${n} ${kind}`);
      return found;
    },
    async dropPartition(name) {
      const p = partitions.get(name);
      partitions.delete(name);
      making.delete(name);
      const closed = p ? p.context.close() : Promise.resolve();
      drops.set(name, closed);
      await closed;
    },
    restartApp: (reason) => void restarts.push(reason),
  };
  // Each step that settles is something that happened (for `until`).
  const wiper = Object.fromEntries(
    Object.entries(steps).map(([name, step]: [string, (...args: never[]) => unknown]) => [
      name,
      (...args: never[]) => {
        const result = step(...args);
        if (result instanceof Promise) void result.finally(happened).catch(() => undefined);
        else happened();
        return result;
      },
    ]),
  ) as unknown as SessionWiper;

  async function invoke(source: Page, frame: unknown, channel: string, payload: unknown) {
    const own = [...partitions.values()].find((p) => p.page === source);
    if (own && own !== current) await own.held; // the ready page's status call waits until shown
    if (!current?.page || source !== current.page || frame !== current.page.mainFrame())
      throw new Error('refused: not the kiosk page');
    try {
      return await core.dispatch(channel, payload);
    } finally {
      happened();
    }
  }

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
      void current?.page
        ?.evaluate((e) => (window as unknown as { __kioskEmit(e: unknown): void }).__kioskEmit(e), event)
        .catch(() => undefined)
        .finally(happened);
    },
    quit: () => undefined,
    version: '0.1.0-kiosk-host',
    label: 'kiosk-host suite',
    touchScreen: () => opts.touchScreen ?? false,
    probePaint: async () =>
      (await current?.page?.evaluate(() => new Promise<boolean>((r) => requestAnimationFrame(() => r(true))))) ?? false,
    logTail: (n) => log.tail(n),
  });

  await enrollWithCode(core.handlers, opts.enrollmentCode, log); // as main does, before start-up
  await core.start(); // the start-up wipe opens the first page
  return {
    core,
    clock,
    store,
    page: () => current!.page!,
    partitions: () => [...partitions.keys()],
    contextOf: (name: string) => partitions.get(name)?.context,
    logLines,
    restarts,
    until,
    async dropped(name) {
      await until(() => drops.has(name));
      await drops.get(name);
    },
    async nextPageSettled() {
      for (let seen = preparing; ; seen = preparing) {
        await seen;
        if (seen === preparing) return;
      }
    },
    close: async () => {
      core.stop();
      await Promise.all([...partitions.values()].map((p) => p.context.close().catch(() => undefined)));
    },
  };
}
