import { EventEmitter } from 'node:events';

/**
 * The one shared stand-in for the parts of Electron the glue touches (STYLE.md): enough to see
 * which guards the glue installs and what they decide, without the Electron binary.
 */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  readonly mainFrame: { url: string };
  readonly sent: unknown[][] = [];
  zoomFactor = 1;
  constructor(url = 'app://kiosk/index.html') {
    super();
    this.mainFrame = { url };
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.windowOpenHandler = handler;
  }
  closeDevTools() {}
  setVisualZoomLevelLimits() {
    return Promise.resolve();
  }
  setZoomFactor(f: number) {
    this.zoomFactor = f;
  }
  isDestroyed() {
    return false;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
}

export function fakeEvent(url = '') {
  let prevented = false;
  return {
    url,
    preventDefault: () => void (prevented = true),
    get prevented() {
      return prevented;
    },
  };
}

export const fakeIpcMain = {
  handlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
  handle(channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) {
    this.handlers.set(channel, fn);
  },
};
