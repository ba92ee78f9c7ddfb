// The kiosk's Electron entry (R-KIOSK-1): only the order of things. Everything a kiosk decides
// lives in ../core (plain TypeScript, tested without Electron); this file wires it to Electron.
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { app, clipboard, dialog, Menu, powerMonitor, screen } from 'electron';
import Store from 'electron-store';
import { machineId } from 'node-machine-id';
import { ConfigError } from '../core/config/config-error.js';
import { loadKioskConfig, type LoadedConfig } from '../core/config/load-config.js';
import { defaultPolicyPath } from '../core/config/policy-file.js';
import { defaultLogDir } from '../core/diagnostics/log-location.js';
import { createRotatingLog, nodeLogFs } from '../core/diagnostics/rotating-log.js';
import { KIOSK_EXIT } from '../core/exit-codes.js';
import { appOriginOf } from '../core/guards/url-guards.js';
import { createKioskCore, type KioskCoreDeps } from '../core/kiosk-core.js';
import { ManualClock } from '../core/manual-clock.js';
import { consoleLogger, systemClock, type Clock, type SettingsStore } from '../core/ports.js';
import { enrollWithCode } from '../core/terminal/scripted-enrollment.js';
import { APP_URL, registerAppScheme } from './app-protocol.js';
import { emitToPage, registerKioskIpc } from './ipc.js';
import { electronWiper } from './electron-wiper.js';
import { createKioskWindow, type KioskWindow } from './kiosk-window.js';
import { probePaint } from './paint-probe.js';
import { safeStorageBox } from './safe-storage-box.js';
import { runSelfTestCli, selfTestRequested } from './self-test-cli.js';
import { createVisitorPartitions, type VisitorPartitions } from './visitor-partitions.js';

// Until the log's folder is known (it follows the profile override below), the console only.
const earlyLog = consoleLogger;

// Developer and test overrides of the profile and the policy file. A shipped build ignores them:
// whoever controls the kiosk account's environment must not be able to point the terminal at a
// policy of their own (service URL, admin PIN hash). Test builds run with the inspector on, which
// the shipped build's nodeCliInspect fuse forbids (docs/testers.md).
const inspectorOn = inspector.url() !== undefined;
const overridesAllowed = !app.isPackaged || inspectorOn;
const override = (name: string): string | undefined => {
  const value = process.env[name];
  if (value && !overridesAllowed) earlyLog.warn(`${name} is ignored by a packaged kiosk`);
  return overridesAllowed ? value : undefined;
};
// Each Playwright worker (and `npm start`) may give its own profile; set before anything reads it.
const userData = override('HELLOWORK_KIOSK_USER_DATA');
if (userData) app.setPath('userData', userData);
// R-DIAG-1: the structured log (JSON lines, 1 MiB × 5) in docs/it-staff.md's place; a test profile keeps its own.
const log = createRotatingLog({
  fs: nodeLogFs,
  dir: userData ? path.join(userData, 'logs') : defaultLogDir(process.platform, process.env, os.homedir()),
  clock: systemClock,
  also: consoleLogger,
});
// Test hooks (a moved clock, the core on globalThis) exist only with the inspector on.
const testHooks = process.env.HELLOWORK_KIOSK_TEST_HOOKS === '1' && inspectorOn;

registerAppScheme();
// The test build (inspector on, test hooks) takes no single-instance lock: Playwright workers
// start several kiosks at once (each with its own profile). A shipped kiosk always takes it.
// `--self-test` (IT's post-install check) takes none either: it runs beside a running kiosk.
if (selfTestRequested(process.argv)) {
  void runSelfTestCli({ argv: process.argv, policyPath: override('HELLOWORK_KIOSK_POLICY') ?? defaultPolicyPath() });
} else if (!testHooks && !app.requestSingleInstanceLock()) {
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
  const partitions = createVisitorPartitions(path.join(__dirname, '..', 'renderer'));
  const appOrigin = appOriginOf(APP_URL);
  const clock = testHooks ? new ManualClock() : systemClock;

  // eslint-disable-next-line prefer-const -- assigned after the core that its callbacks read is made
  let kiosk: KioskWindow | undefined;
  const core = createKioskCore(coreDeps({ loaded, store, clock, partitions, kiosk: () => kiosk }));
  kiosk = createKioskWindow({
    sessionFor: partitions.sessionFor,
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
  await enrollWithCode(core.handlers, process.env.HELLOWORK_KIOSK_ENROLL_CODE, log);

  if (testHooks)
    (globalThis as Record<string, unknown>).__hwKiosk = { core, clock, shownUrl: () => kiosk?.contents?.getURL() };
  await core.start(); // the start-up wipe loads a fresh login page
  kiosk.win.show();
}

/** What the core gets from Electron: the stores, the wipe's Electron steps, the OS's idle time and displays. */
function coreDeps(glue: {
  loaded: LoadedConfig;
  store: SettingsStore;
  clock: Clock;
  partitions: VisitorPartitions;
  kiosk: () => KioskWindow | undefined;
}): KioskCoreDeps {
  const { kiosk } = glue;
  return {
    loaded: glue.loaded,
    store: glue.store,
    box: safeStorageBox(),
    machineId: () => machineId(true),
    keyFile: path.join(app.getPath('userData'), 'terminal-key.pem'),
    clock: glue.clock,
    log,
    wiper: electronWiper({
      kiosk: () => kiosk()!,
      sessionFor: glue.partitions.sessionFor,
      forget: glue.partitions.forget,
      clearClipboard: () => {
        clipboard.clear();
        if (process.platform === 'linux') clipboard.selection.clear(); // Electron 45: the selection is its own object
      },
      restart: restartKiosk,
    }),
    emit: (event) => emitToPage(kiosk(), event),
    quit: () => {
      kiosk()?.close();
      app.exit(KIOSK_EXIT.itExit); // tells Shell Launcher / the session loop not to restart
    },
    // The OS sees mouse and touch that never reach the page. Under test hooks only the moved
    // clock counts: Playwright's input is not OS input, and a CI display's idle time is arbitrary.
    ...(testHooks ? {} : { osIdleMs: () => powerMonitor.getSystemIdleTime() * 1000 }),
    version: app.getVersion(),
    label: os.hostname(),
    probePaint: () => probePaint(kiosk()),
    logTail: (n) => log.tail(n),
    // Issue 13: `onScreenKeyboard: "auto"` shows the on-screen keyboard on a touch screen.
    touchScreen: () => screen.getAllDisplays().some((d) => d.touchSupport === 'available'),
  };
}

function restartKiosk(reason: string): void {
  log.error(`restarting: ${reason}`);
  if (app.isPackaged) return app.exit(KIOSK_EXIT.restart); // the supervisor starts it again
  app.relaunch();
  app.exit(0);
}
