import { BaseWindow, WebContentsView, type Session, type WebContents } from 'electron';
import type { AppOrigin } from '../core/guards/url-guards.js';
import type { Logger } from '../core/ports.js';
import type { SessionWiper } from '../core/wipe/session-wiper.js';
import { kioskStartFragment } from '../../src-shared/kiosk-start-hint.js';
import { lockDownContents } from './lockdown.js';

export type KioskWindowOptions = {
  session: Session;
  preload: string;
  appUrl: string;
  app: AppOrigin;
  log: Logger;
  onInput: () => void;
  onAdminChord: () => void;
  /** a crashed or hung page: the glue wipes and shows a fresh login */
  onContentsLost: (why: string) => void;
};

/**
 * One full-screen kiosk window whose page lives in a replaceable WebContentsView: a wipe swaps in
 * new web contents, because sessionStorage and in-memory page state survive every clear call.
 * All views share one in-memory session (Electron never frees sessions, so it is reused).
 *
 * Starting a renderer process takes a few hundred ms, so the next wipe's contents are made ahead,
 * at the visitor's first input after a wipe: a spare view showing only about:blank (its own
 * process, never shown, never on the app's origin, refused by the IPC handlers like any page but
 * the current one). A wipe navigates the spare to the login page only after the clears
 * (core/wipe), so its document never sees the old storage.
 */
export function createKioskWindow(opts: KioskWindowOptions) {
  const win = new BaseWindow({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true, backgroundColor: '#ffffff', show: false });
  win.setMenu?.(null);
  win.on('close', (event) => {
    if (!closing) event.preventDefault(); // only the admin exit closes the kiosk
  });
  let closing = false;
  let view = makeView();
  let spare: WebContentsView | undefined;
  win.contentView.addChildView(view);
  fit(view);
  win.on('resize', () => fit(view));

  function makeView(): WebContentsView {
    const v = new WebContentsView({
      webPreferences: {
        session: opts.session,
        preload: opts.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        devTools: false,
        disableDialogs: true,
        autoplayPolicy: 'user-gesture-required',
      },
    });
    lockDownContents(v.webContents, {
      ...opts,
      onInput: () => {
        opts.onInput();
        if (v === view) prepareSpare();
      },
    });
    const lost = (why: string) => {
      if (v === view) opts.onContentsLost(why);
      else if (v === spare) dropSpare(); // the next wipe makes its contents the slow way
    };
    v.webContents.on('render-process-gone', (_e, details) => lost(`render-process-gone: ${details.reason}`));
    v.webContents.on('unresponsive', () => lost('unresponsive'));
    return v;
  }
  function prepareSpare() {
    if (closing || spare) return;
    const v = makeView();
    spare = v;
    // Navigating starts the renderer process; about:blank gives the view no origin yet.
    v.webContents.loadURL('about:blank').catch(() => {
      if (spare === v) dropSpare();
    });
  }
  function dropSpare() {
    const v = spare;
    spare = undefined;
    if (v && !v.webContents.isDestroyed()) v.webContents.close();
  }
  function fit(v: WebContentsView) {
    const { width, height } = win.getContentBounds();
    v.setBounds({ x: 0, y: 0, width, height });
  }

  return {
    win,
    get contents() {
      return view.webContents;
    },
    async load() {
      await view.webContents.loadURL(opts.appUrl);
      win.show();
    },
    /**
     * New web contents (the spare when there is one) with a fresh login. The new contents are
     * the kiosk's page at once (the shell asks the bridge for its status while the page loads;
     * the old page's calls are refused from here) and are shown while they load; the old ones are
     * closed before the navigation (their page state dies with them, and they can write nothing
     * after the wipe's check). Resolves when the login page's document is committed.
     * `fragment` (e.g. `#login.ja`, from core/wipe) tells the shell what main knows at once.
     */
    async replace(fragment = '') {
      const next = spare ?? makeView();
      spare = undefined;
      const old = view;
      view = next;
      win.contentView.addChildView(next);
      fit(next);
      win.contentView.removeChildView(old);
      old.webContents.close();
      await committed(next.webContents, opts.appUrl + fragment);
    },
    close() {
      closing = true;
      dropSpare();
      win.close();
    },
  };
}
export type KioskWindow = ReturnType<typeof createKioskWindow>;

/** Loads `url`; resolves when its main-frame document commits ('did-navigate'), rejects as loadURL does. */
function committed(wc: WebContents, url: string): Promise<void> {
  const withoutFragment = (u: string) => u.replace(/#.*$/, '');
  const target = withoutFragment(new URL(url).href);
  return new Promise((resolve, reject) => {
    // (not the spare's own about:blank, should that still be on its way)
    const onCommit = (_event: unknown, at: string) => {
      if (withoutFragment(at) === target) resolve();
      else wc.once('did-navigate', onCommit);
    };
    wc.once('did-navigate', onCommit);
    wc.loadURL(url).then(
      () => {
        wc.off('did-navigate', onCommit);
        resolve();
      },
      (error: unknown) => {
        wc.off('did-navigate', onCommit);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The wipe steps on the kiosk's session and window (core/wipe decides the order). */
export function electronWiper(ses: Session, kiosk: () => KioskWindow, restart: (reason: string) => void): SessionWiper {
  return {
    clearStorageData: () => ses.clearStorageData(),
    clearHttpCache: async () => void (await Promise.all([ses.clearCache(), ses.clearCodeCaches({})])),
    clearAuthCache: async () => void (await Promise.all([ses.clearAuthCache(), ses.clearHostResolverCache()])),
    replaceContents: (start) => kiosk().replace(kioskStartFragment(start)),
    async leftovers() {
      const found: string[] = [];
      // The session's and the page's checks at once: the page is still starting the app.
      const [cookies, page] = await Promise.all([
        ses.cookies.get({}),
        kiosk().contents.executeJavaScript(
          // IndexedDB and Cache Storage asked at once (each is a trip to the storage backend).
          `(async () => { const [idb, names] = await Promise.all([indexedDB.databases(), caches.keys()]); return { local: localStorage.length, session: sessionStorage.length, idb: idb.length, caches: names.length }; })()`,
        ) as Promise<Record<string, number>>,
      ]);
      if (cookies.length) found.push(`${cookies.length} cookie(s)`);
      const workers = Object.keys(ses.serviceWorkers.getAllRunning()).length;
      if (workers) found.push(`${workers} service worker(s)`);
      for (const [kind, count] of Object.entries(page)) if (count) found.push(`${count} ${kind} storage entr(ies)`);
      return found;
    },
    restartApp: restart,
  };
}
