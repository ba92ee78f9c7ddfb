// The kiosk page's only bridge (R-KIOSK-1): `window.kiosk`, typed by src-shared/kiosk-bridge.ts.
// Bundled to CommonJS for the sandbox (scripts/build-kiosk.mjs). From the contract it takes the
// channel list (src-shared/kiosk-channels.ts, no zod) and types only, so no schema code ships in
// the preload (test/main/electron/preload-bundle.test.ts); the main process validates every payload.
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskApi, KioskEvent } from '../../src-shared/kiosk-bridge.js';
import { KIOSK_EVENT_CHANNEL, kioskChannels, kioskIpcChannel } from '../../src-shared/kiosk-channels.js';

// Every channel of the contract, by name: one invoke each.
const calls = Object.fromEntries(
  kioskChannels.map((channel) => [channel, (input?: unknown) => ipcRenderer.invoke(kioskIpcChannel(channel), input)]),
);

const kiosk = {
  ...(calls as Omit<KioskApi, 'onEvent' | 'preview'>), // never `preview`: that is the Chromium preview's
  onEvent(listener: (event: KioskEvent) => void) {
    const handler = (_e: unknown, event: KioskEvent) => listener(event);
    ipcRenderer.on(KIOSK_EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(KIOSK_EVENT_CHANNEL, handler);
  },
} satisfies KioskApi;

contextBridge.exposeInMainWorld('kiosk', kiosk);
