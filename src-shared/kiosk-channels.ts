import { hostCallNames, type HostCallName } from './host-calls.js';

/**
 * The kiosk bridge's channels, without zod (the sandboxed preload imports this file; the schemas
 * are in kiosk-bridge.ts): every Host call, then the calls only the kiosk's main process answers.
 */
export const kioskOnlyCalls = ['status', 'enroll', 'activity', 'continueSession', 'adminExit'] as const;
export type KioskOnlyCall = (typeof kioskOnlyCalls)[number];
export type KioskChannel = HostCallName | KioskOnlyCall;
export const kioskChannels: readonly KioskChannel[] = [...hostCallNames, ...kioskOnlyCalls];

/** The IPC channel name of a call (`ipcRenderer.invoke`) and of the push events. */
export const kioskIpcChannel = (channel: KioskChannel): string => `kiosk:${channel}`;
export const KIOSK_EVENT_CHANNEL = 'kiosk:event';
