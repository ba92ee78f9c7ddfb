import { BaseWindow, WebContentsView, type Session } from 'electron';
import type { AppOrigin } from '../core/guards/url-guards.js';
import type { Logger } from '../core/ports.js';
import type { SessionWiper } from '../core/wipe/session-wiper.js';
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
 */
export function createKioskWindow(opts: KioskWindowOptions) {
  const win = new BaseWindow({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true, backgroundColor: '#ffffff', show: false });
  win.setMenu?.(null);
  win.on('close', (event) => {
    if (!closing) event.preventDefault(); // only the admin exit closes the kiosk
  });
  let closing = false;
  let view = makeView();
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
    lockDownContents(v.webContents, opts);
    v.webContents.on('render-process-gone', (_e, details) => opts.onContentsLost(`render-process-gone: ${details.reason}`));
    v.webContents.on('unresponsive', () => opts.onContentsLost('unresponsive'));
    return v;
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
    /** New web contents with a fresh login; the old ones are closed (their page state dies with them). */
    async replace() {
      const next = makeView();
      await next.webContents.loadURL(opts.appUrl);
      const old = view;
      view = next;
      win.contentView.addChildView(next);
      fit(next);
      win.contentView.removeChildView(old);
      old.webContents.close();
    },
    close() {
      closing = true;
      win.close();
    },
  };
}
export type KioskWindow = ReturnType<typeof createKioskWindow>;

/** The wipe steps on the kiosk's session and window (core/wipe decides the order). */
export function electronWiper(ses: Session, kiosk: () => KioskWindow, restart: (reason: string) => void): SessionWiper {
  return {
    clearStorageData: () => ses.clearStorageData(),
    clearHttpCache: async () => {
      await ses.clearCache();
      await ses.clearCodeCaches({});
    },
    clearAuthCache: async () => {
      await ses.clearAuthCache();
      await ses.clearHostResolverCache();
    },
    replaceContents: () => kiosk().replace(),
    async leftovers() {
      const found: string[] = [];
      const cookies = await ses.cookies.get({});
      if (cookies.length) found.push(`${cookies.length} cookie(s)`);
      const workers = Object.keys(ses.serviceWorkers.getAllRunning()).length;
      if (workers) found.push(`${workers} service worker(s)`);
      const page = (await kiosk().contents.executeJavaScript(
        `(async () => ({ local: localStorage.length, session: sessionStorage.length, idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length }))()`,
      )) as Record<string, number>;
      for (const [kind, count] of Object.entries(page)) if (count) found.push(`${count} ${kind} storage entr(ies)`);
      return found;
    },
    restartApp: restart,
  };
}
