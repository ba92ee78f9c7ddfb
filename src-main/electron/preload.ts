// The kiosk page's only bridge (R-KIOSK-1): `window.kiosk`, typed by src-shared/kiosk-bridge.ts.
// Bundled to CommonJS for the sandbox (scripts/build-kiosk.mjs). Only types are imported from the
// contract, so no schema code ships in the preload; the main process validates every payload.
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskApi, KioskChannel, KioskEvent, KIOSK_EVENT_CHANNEL } from '../../src-shared/kiosk-bridge.js';

const EVENT_CHANNEL: typeof KIOSK_EVENT_CHANNEL = 'kiosk:event';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const invoke = (channel: KioskChannel, input?: unknown): Promise<any> => ipcRenderer.invoke(`kiosk:${channel}`, input);

// Every channel mapped by name: a channel added to the contract does not compile until it is here.
const kiosk = {
  meta: () => invoke('meta'),
  login: (input) => invoke('login', input),
  submitOtp: (input) => invoke('submitOtp', input),
  cancelLogin: () => invoke('cancelLogin'),
  logout: () => invoke('logout'),
  home: () => invoke('home'),
  requestPasswordReset: (input) => invoke('requestPasswordReset', input),
  completePasswordReset: (input) => invoke('completePasswordReset', input),
  requestReregistration: (input) => invoke('requestReregistration', input),
  completeReregistration: (input) => invoke('completeReregistration', input),
  devices: () => invoke('devices'),
  revokeDevice: (input) => invoke('revokeDevice', input),
  changePassword: (input) => invoke('changePassword', input),
  changeEmail: (input) => invoke('changeEmail', input),
  confirmEmail: (input) => invoke('confirmEmail', input),
  withdraw: (input) => invoke('withdraw', input),
  status: () => invoke('status'),
  enroll: (input) => invoke('enroll', input),
  activity: () => invoke('activity'),
  continueSession: () => invoke('continueSession'),
  adminExit: (input) => invoke('adminExit', input),
  onEvent(listener: (event: KioskEvent) => void) {
    const handler = (_e: unknown, event: KioskEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
} satisfies KioskApi;

contextBridge.exposeInMainWorld('kiosk', kiosk);
