// The kiosk's Electron entry (R-KIOSK-1): only the order of things. Everything a kiosk decides
// lives in ../core (plain TypeScript, tested without Electron); this file wires it to Electron.
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { app, clipboard, dialog, Menu, powerMonitor, screen, session, type Session } from 'electron';
import Store from 'electron-store';
import { machineId } from 'node-machine-id';
import { ConfigError } from '../core/config/config-error.js';
import { loadKioskConfig } from '../core/config/load-config.js';
import { defaultPolicyPath } from '../core/config/policy-file.js';
import { KIOSK_EXIT } from '../core/exit-codes.js';
import { appOriginOf } from '../core/guards/url-guards.js';
import { createKioskCore } from '../core/kiosk-core.js';
import { ManualClock } from '../core/manual-clock.js';
import { consoleLogger, systemClock, type SettingsStore } from '../core/ports.js';
import { APP_URL, registerAppScheme, serveAppFiles } from './app-protocol.js';
import { emitToPage, registerKioskIpc } from './ipc.js';
import { electronWiper } from './electron-wiper.js';
import { createKioskWindow, type KioskWindow } from './kiosk-window.js';
import { lockDownSession } from './lockdown.js';
import { safeStorageBox } from './safe-storage-box.js';

const log = consoleLogger;

// Developer and test overrides of the profile and the policy file. A shipped build ignores them:
// whoever controls the kiosk account's environment must not be able to point the terminal at a
// policy of their own (service URL, admin PIN hash). Test builds run with the inspector on, which
// the shipped build's nodeCliInspect fuse forbids (docs/testers.md).
const inspectorOn = inspector.url() !== undefined;
const overridesAllowed = !app.isPackaged || inspectorOn;
const override = (name: string): string | undefined => {
  const value = process.env[name];
  if (value && !overridesAllowed) log.warn(`${name} is ignored by a packaged kiosk`);
  return overridesAllowed ? value : undefined;
};
// Each Playwright worker (and `npm start`) may give its own profile; set before anything reads it.
const userData = override('HELLOWORK_KIOSK_USER_DATA');
if (userData) app.setPath('userData', userData);
// Test hooks (a moved clock, the core on globalThis) exist only with the inspector on.
const testHooks = process.env.HELLOWORK_KIOSK_TEST_HOOKS === '1' && inspectorOn;

registerAppScheme();
// The test build (inspector on, test hooks) takes no single-instance lock: Playwright workers
// start several kiosks at once (each with its own profile). A shipped kiosk always takes it.
if (!testHooks && !app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => log.warn('a second kiosk start was refused (single instance)'));
  app.on('web-contents-created', (_e, wc) => wc.setWindowOpenHandler(() => ({ action: 'deny' })));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start, (error: unknown) => fatal(String(error)));
}

function fatal(message: string): void {
  log.error(message);
  dialog.showErrorBox('HelloWork Kiosk', `${message}\n\nIT staff: see docs/kiosk.md.`);
  app.exit(KIOSK_EXIT.configInvalid);
}

async function start(): Promise<void> {
  Menu.setApplicationMenu(null);
  const store = new Store({ name: 'kiosk-settings' }) as unknown as SettingsStore;
  let loaded;
  try {
    loaded = await loadKioskConfig({ store, policyPath: override('HELLOWORK_KIOSK_POLICY') ?? defaultPolicyPath() });
  } catch (error) {
    // Never a half-working kiosk: a broken configuration stops here with its reason.
    return fatal(
      error instanceof ConfigError ? `The kiosk configuration is invalid:\n${error.message}` : String(error),
    );
  }

  // One in-memory partition per visitor (core/wipe/partitions.ts names them; no `persist:`
  // prefix: nothing of a visitor on disk), each locked down and serving the app's files.
  const sessions = new Map<string, Session>();
  const sessionFor = (partition: string): Session => {
    let ses = sessions.get(partition);
    if (!ses) {
      ses = session.fromPartition(partition, { cache: true });
      lockDownSession(ses);
      serveAppFiles(ses, path.join(__dirname, '..', 'renderer'));
      sessions.set(partition, ses);
    }
    return ses;
  };
  const appOrigin = appOriginOf(APP_URL);
  const clock = testHooks ? new ManualClock() : systemClock;

  // eslint-disable-next-line prefer-const -- assigned after the core that its callbacks read is made
  let kiosk: KioskWindow | undefined;
  const core = createKioskCore({
    loaded,
    store,
    box: safeStorageBox(),
    machineId: () => machineId(true),
    keyFile: path.join(app.getPath('userData'), 'terminal-key.pem'),
    clock,
    log,
    wiper: electronWiper({
      kiosk: () => kiosk!,
      sessionFor,
      forget: (partition) => void sessions.delete(partition),
      clearClipboard: () => {
        clipboard.clear();
        if (process.platform === 'linux') clipboard.selection.clear(); // Electron 45: the selection is its own object
      },
      restart: (reason) => {
        log.error(`restarting: ${reason}`);
        if (app.isPackaged) return app.exit(KIOSK_EXIT.restart); // the supervisor starts it again
        app.relaunch();
        app.exit(0);
      },
    }),
    emit: (event) => emitToPage(kiosk, event),
    quit: () => {
      kiosk?.close();
      app.exit(KIOSK_EXIT.itExit); // tells Shell Launcher / the session loop not to restart
    },
    // The OS sees mouse and touch that never reach the page. Under test hooks only the moved
    // clock counts: Playwright's input is not OS input, and a CI display's idle time is arbitrary.
    ...(testHooks ? {} : { osIdleMs: () => powerMonitor.getSystemIdleTime() * 1000 }),
    version: app.getVersion(),
    label: os.hostname(),
    probePaint: () => probePaint(kiosk),
    // Issue 13: `onScreenKeyboard: "auto"` shows the on-screen keyboard on a touch screen.
    touchScreen: () => screen.getAllDisplays().some((d) => d.touchSupport === 'available'),
  });

  kiosk = createKioskWindow({
    sessionFor,
    preload: path.join(__dirname, 'preload.cjs'),
    appUrl: APP_URL,
    app: appOrigin,
    log,
    onInput: () => core.idle.input(),
    onAdminChord: () => emitToPage(kiosk, { type: 'admin-prompt' }),
    onContentsLost: (why) => {
      log.error(`the kiosk page was lost (${why}): fresh login`);
      void core.wipe('renderer-gone');
    },
  });
  registerKioskIpc({ dispatch: core.dispatch, kiosk: () => kiosk, app: appOrigin, log });

  // R-KIOSK-4: a visitor's session never survives sleep or a locked screen.
  powerMonitor.on('suspend', () => void core.wipe('suspend'));
  powerMonitor.on('lock-screen', () => void core.wipe('lock-screen'));

  // Scripted enrollment (IT's deployment scripts, `npm start`): the one-time code is the authority.
  const code = process.env.HELLOWORK_KIOSK_ENROLL_CODE;
  const status = code ? await core.handlers.status(undefined) : undefined;
  if (code && status?.ok && !status.data.enrolled && status.data.serviceUrl) {
    const enrolled = await core.handlers.enroll({ serviceUrl: status.data.serviceUrl, code });
    if (!enrolled.ok)
      log.error(`enrollment with HELLOWORK_KIOSK_ENROLL_CODE failed: ${enrolled.error.reason ?? enrolled.error.error}`);
  }

  if (testHooks)
    (globalThis as Record<string, unknown>).__hwKiosk = { core, clock, shownUrl: () => kiosk?.contents?.getURL() };
  await core.start(); // the start-up wipe loads a fresh login page
  kiosk.win.show();
}

/** True when the page renders a frame within 5 s (a hung or blank renderer does not). */
function probePaint(kiosk: KioskWindow | undefined): Promise<boolean> {
  const contents = kiosk?.contents;
  if (!contents || contents.isDestroyed()) return Promise.resolve(false);
  const frame = contents.executeJavaScript(
    'new Promise((r) => requestAnimationFrame(() => r(true)))',
  ) as Promise<boolean>;
  const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), 5000).unref());
  return Promise.race([frame.catch(() => false), timeout]);
}
