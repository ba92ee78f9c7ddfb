import { BaseWindow, WebContentsView, type Session, type WebContents } from 'electron';
import type { AppOrigin } from '../core/guards/url-guards.js';
import type { Logger } from '../core/ports.js';
import { lockDownContents } from './lockdown.js';

export type KioskWindowOptions = {
  /** The in-memory session of a visitor partition (core names them), locked down and serving app://. */
  sessionFor: (partition: string) => Session;
  preload: string;
  appUrl: string;
  app: AppOrigin;
  log: Logger;
  onInput: () => void;
  onAdminChord: () => void;
  /** a crashed or hung page: the glue wipes and shows a fresh login */
  onContentsLost: (why: string) => void;
};

type Spare = { view: WebContentsView; partition: string; loaded: Promise<void> };

/** The window's views: the shown one, the spare made ahead, the ones leaving, and the pages waiting to be shown. */
type Views = {
  view: WebContentsView | undefined;
  spare: Spare | undefined;
  retiring: WebContentsView[];
  waitingToShow: Map<WebContents, (shown: boolean) => void>;
};

/**
 * One full-screen kiosk window whose page lives in a replaceable WebContentsView, each visitor's
 * on a partition of its own (R-KIOSK-3, R-KIOSK-4). The next visitor's login page is loaded ahead in a
 * spare view on the next partition (never shown, its bridge calls held until it is: ipc.ts), so a
 * wipe only swaps the views; the old view is closed as it leaves.
 */
export function createKioskWindow(opts: KioskWindowOptions) {
  let closing = false;
  const win = createFullScreenWindow(() => closing);
  const views: Views = { view: undefined, spare: undefined, retiring: [], waitingToShow: new Map() };
  win.on('resize', () => views.view && fit(win, views.view));
  const makeView = (partition: string) => makeVisitorView(partition, opts, views);

  return {
    win,
    /** The kiosk's page (undefined before the start-up wipe shows the first one). */
    get contents(): WebContents | undefined {
      return views.view?.webContents;
    },
    /** The next visitor's page on `partition`, loaded now, shown by `replace(partition)`. */
    prepare(partition: string, fragment = ''): Promise<void> {
      if (closing) return Promise.resolve();
      dropSpare(views); // one spare at a time (a page prepared again gets a new view)
      const v = makeView(partition);
      const loaded = v.webContents.loadURL(opts.appUrl + fragment);
      views.spare = { view: v, partition, loaded };
      return loaded;
    },
    /**
     * Shows the page on `partition` (the prepared one once it has loaded, else a new one, shown
     * as soon as its document commits) and closes the old view. The new page's held bridge calls
     * go on from here; the old page's are refused.
     */
    async replace(partition: string, fragment = ''): Promise<void> {
      const { next, loading } = takeNextView(views, partition, opts.appUrl + fragment, makeView);
      const old = views.view;
      views.view = next;
      win.contentView.addChildView(next);
      fit(win, next);
      if (old) {
        win.contentView.removeChildView(old);
        views.retiring.push(old); // closed by closeRetired, behind the swap
      }
      settleShown(views, next.webContents, true);
      await loading;
    },
    /** Closes the views taken off the window; resolves when their contents are destroyed. */
    async closeRetired(): Promise<void> {
      const gone = views.retiring.splice(0);
      await Promise.all(gone.map((v) => destroyed(v.webContents)));
    },
    /** For the IPC handlers: resolves true once `wc` is the kiosk's page (at once if it is), false if it never will be. */
    untilShown(wc: WebContents): Promise<boolean> {
      if (wc === views.view?.webContents) return Promise.resolve(true);
      if (wc !== views.spare?.view.webContents) return Promise.resolve(false);
      return new Promise((resolve) => views.waitingToShow.set(wc, resolve));
    },
    close() {
      closing = true;
      dropSpare(views);
      for (const v of views.retiring.splice(0)) if (!v.webContents.isDestroyed()) v.webContents.close();
      win.close();
    },
  };
}

/** The kiosk's window: full screen, no frame, no menu; it does not close until `closing()` says so. */
function createFullScreenWindow(closing: () => boolean): BaseWindow {
  const win = new BaseWindow({
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
  });
  win.setMenu?.(null);
  win.on('close', (event) => {
    if (!closing()) event.preventDefault(); // only the admin exit closes the kiosk
  });
  return win;
}

/** A locked-down view on the visitor partition `partition`; a lost page is reported (shown) or dropped (spare). */
function makeVisitorView(partition: string, opts: KioskWindowOptions, views: Views): WebContentsView {
  const v = new WebContentsView({
    webPreferences: {
      session: opts.sessionFor(partition),
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
  const lost = (why: string) => {
    if (v === views.view) opts.onContentsLost(why);
    else if (v === views.spare?.view) dropSpare(views); // the next wipe loads its page the slow way
  };
  v.webContents.on('render-process-gone', (_e, details) => lost(`render-process-gone: ${details.reason}`));
  v.webContents.on('unresponsive', () => lost('unresponsive'));
  return v;
}

/** The view to show on `partition`: the spare made there (loaded again if it failed), else a new one. */
function takeNextView(
  views: Views,
  partition: string,
  url: string,
  makeView: (partition: string) => WebContentsView,
): { next: WebContentsView; loading: Promise<void> } {
  if (views.spare?.partition === partition) {
    const next = views.spare.view;
    const ready = views.spare.loaded;
    views.spare = undefined;
    return { next, loading: ready.catch(() => committed(next.webContents, url)) };
  }
  dropSpare(views);
  const next = makeView(partition);
  return { next, loading: committed(next.webContents, url) };
}

function dropSpare(views: Views): void {
  const s = views.spare;
  views.spare = undefined;
  if (!s) return;
  settleShown(views, s.view.webContents, false);
  if (!s.view.webContents.isDestroyed()) s.view.webContents.close();
}

function settleShown(views: Views, wc: WebContents, shown: boolean): void {
  views.waitingToShow.get(wc)?.(shown);
  views.waitingToShow.delete(wc);
}

function fit(win: BaseWindow, v: WebContentsView): void {
  const { width, height } = win.getContentBounds();
  v.setBounds({ x: 0, y: 0, width, height });
}
export type KioskWindow = ReturnType<typeof createKioskWindow>;

/** Closes `wc`; resolves once it is destroyed (from then on its page can write nothing). */
function destroyed(wc: WebContents): Promise<void> {
  if (wc.isDestroyed()) return Promise.resolve();
  const gone = new Promise<void>((resolve) => wc.once('destroyed', () => resolve()));
  wc.close();
  return gone;
}

/** Loads `url`; resolves when its main-frame document commits ('did-navigate'), rejects as loadURL does. */
function committed(wc: WebContents, url: string): Promise<void> {
  const withoutFragment = (u: string) => u.replace(/#.*$/, '');
  const target = withoutFragment(new URL(url).href);
  return new Promise((resolve, reject) => {
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
