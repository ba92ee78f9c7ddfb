import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { kioskChannels, kioskIpcChannel, KIOSK_EVENT_CHANNEL, type KioskEvent } from '../../src-shared/kiosk-bridge.js';
import type { BridgeDispatch } from '../core/bridge/bridge-dispatch.js';
import { isAppUrl, type AppOrigin } from '../core/guards/url-guards.js';
import type { Logger } from '../core/ports.js';
import type { KioskWindow } from './kiosk-window.js';

/**
 * One handler per bridge channel. As in electron/fiddle, a message from anything but the kiosk
 * window's current page (its main frame, on the app's own origin) is dropped; core validates
 * the payload.
 */
export function registerKioskIpc(opts: {
  dispatch: BridgeDispatch;
  kiosk: () => KioskWindow | undefined;
  app: AppOrigin;
  log: Logger;
}): void {
  const trusted = (event: IpcMainInvokeEvent) => {
    const current = opts.kiosk()?.contents;
    return (
      !!current &&
      event.sender === current &&
      event.senderFrame === current.mainFrame &&
      isAppUrl(event.senderFrame.url, opts.app)
    );
  };
  for (const channel of kioskChannels) {
    ipcMain.handle(kioskIpcChannel(channel), async (event, payload: unknown) => {
      // The next visitor's page, loaded ahead (its shell asks for the status): held until shown.
      if (!trusted(event)) await opts.kiosk()?.untilShown(event.sender);
      if (!trusted(event)) {
        opts.log.warn('ipc: message from an unknown sender dropped', { channel });
        throw new Error('refused');
      }
      return opts.dispatch(channel, payload);
    });
  }
}

export function emitToPage(kiosk: KioskWindow | undefined, event: KioskEvent): void {
  const contents = kiosk?.contents;
  if (contents && !contents.isDestroyed()) contents.send(KIOSK_EVENT_CHANNEL, event);
}
