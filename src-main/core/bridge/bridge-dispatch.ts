import {
  kioskChannels,
  kioskInputs,
  type KioskChannel,
  type KioskOutputs,
  type KioskParsedInput,
} from '../../../src-shared/kiosk-bridge.js';
import type { Logger } from '../ports.js';

export type KioskHandlers = { [C in KioskChannel]: (input: KioskParsedInput<C>) => Promise<KioskOutputs[C]> };

const known = new Set<string>(kioskChannels);

export function isKioskChannel(name: string): name is KioskChannel {
  return known.has(name);
}

/**
 * The one door from the renderer into main: an unknown channel is refused, and every payload is
 * parsed with the channel's zod schema before a handler sees it (a compromised page gets
 * `invalid_request`, never a half-checked call). The transport (ipcMain, or Playwright's
 * exposeBinding) checks the sender first.
 */
export function createBridgeDispatch(handlers: KioskHandlers, log: Logger) {
  return async function dispatch(channel: string, payload: unknown): Promise<unknown> {
    if (!isKioskChannel(channel)) {
      log.warn('bridge: unknown channel refused', { channel: channel.slice(0, 40) });
      return { ok: false, error: { error: 'invalid_request', message: '' } };
    }
    const parsed = kioskInputs[channel].safeParse(payload);
    if (!parsed.success) {
      // Field names only: the payload may hold a password.
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(payload)'))];
      log.warn('bridge: invalid payload refused', { channel, fields });
      return { ok: false, error: { error: 'invalid_request', message: '', fields } };
    }
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    return handler(parsed.data);
  };
}
export type BridgeDispatch = ReturnType<typeof createBridgeDispatch>;
