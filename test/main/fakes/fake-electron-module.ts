import { tmpdir } from 'node:os';
import { FakeWebContents } from './fake-electron.js';

/**
 * A fake `electron` module for booting src-main/electron/main.ts in Vitest:
 * `vi.mock('electron', () => import('../fakes/fake-electron-module.js'))`. `boot` records what the
 * glue did, in order, so a test can check the wiring without the Electron binary.
 */
export const boot = {
  events: [] as string[],
  views: [] as { prefs: Record<string, unknown>; wc: FakeWebContents; loaded: string[] }[],
  ipc: new Map<string, unknown>(),
  power: new Map<string, () => void>(),
  errors: [] as string[],
  exitCode: undefined as number | undefined,
  ready: undefined as undefined | (() => void),
  partition: '',
};

class View {
  readonly webContents: FakeWebContents & Record<string, unknown>;
  constructor(opts: { webPreferences: Record<string, unknown> }) {
    const wc = new FakeWebContents() as FakeWebContents & Record<string, unknown>;
    const record = { prefs: opts.webPreferences, wc, loaded: [] as string[] };
    wc.loadURL = async (url: string) => void record.loaded.push(url);
    wc.executeJavaScript = async () => ({ local: 0, session: 0, idb: 0, caches: 0 });
    wc.close = () => {
      boot.events.push('view closed');
      wc.emit('destroyed');
    };
    boot.views.push(record);
    this.webContents = wc;
  }
  setBounds() {}
}

class Win {
  contentView = {
    addChildView: () => boot.events.push('view added'),
    removeChildView: () => boot.events.push('view removed'),
  };
  constructor(opts: Record<string, unknown>) {
    boot.events.push(`window kiosk=${String(opts.kiosk)}`);
  }
  on() {}
  getContentBounds() {
    return { x: 0, y: 0, width: 1280, height: 1024 };
  }
  show() {
    boot.events.push('window shown');
  }
  close() {}
}

const ses = {
  protocol: { handle: (scheme: string) => boot.events.push(`protocol ${scheme}`) },
  setPermissionRequestHandler: () => boot.events.push('permissions locked'),
  setPermissionCheckHandler: () => undefined,
  setDevicePermissionHandler: () => undefined,
  on: () => undefined,
  clearStorageData: async () => void boot.events.push('clearStorageData'),
  clearCache: async () => void boot.events.push('clearCache'),
  clearCodeCaches: async () => undefined,
  clearAuthCache: async () => void boot.events.push('clearAuthCache'),
  clearHostResolverCache: async () => undefined,
  cookies: { get: async () => [] },
  serviceWorkers: { getAllRunning: () => ({}) },
};

export const app = {
  isPackaged: false,
  setPath: () => undefined,
  requestSingleInstanceLock: () => true,
  on: () => undefined,
  quit: () => boot.events.push('quit'),
  exit: (code: number) => void (boot.exitCode = code),
  relaunch: () => boot.events.push('relaunch'),
  whenReady: () => new Promise<void>((resolve) => (boot.ready = resolve)),
  getPath: () => tmpdir(),
  getVersion: () => '0.1.0',
};
export const protocol = {
  registerSchemesAsPrivileged: (s: { scheme: string }[]) =>
    boot.events.push(`privileged ${s.map((x) => x.scheme).join()}`),
};
export const session = { fromPartition: (name: string) => ((boot.partition = name), ses) };
// Electron 45: the Linux selection clipboard is its own object (`clipboard.selection`).
export const clipboard = {
  clear: () => void boot.events.push('clipboard cleared'),
  selection: { clear: () => void boot.events.push('clipboard cleared selection') },
};
export const Menu = { setApplicationMenu: (m: unknown) => boot.events.push(`menu ${String(m)}`) };
export const dialog = { showErrorBox: (_title: string, message: string) => void boot.errors.push(message) };
export const powerMonitor = {
  on: (e: string, fn: () => void) => void boot.power.set(e, fn),
  getSystemIdleTime: () => 0,
};
export const screen = { getAllDisplays: () => [{ touchSupport: 'unavailable' }] };
export const ipcMain = { handle: (c: string, fn: unknown) => void boot.ipc.set(c, fn) };
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (s: string) => Buffer.from(s),
  decryptString: (b: Buffer) => b.toString(),
};
export const BaseWindow = Win;
export const WebContentsView = View;
