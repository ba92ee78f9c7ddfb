import type { KioskStatus } from '../../../src-shared/kiosk-bridge.js';
import type { LoadedConfig } from '../config/load-config.js';
import { showOnScreenKeyboard } from '../input/on-screen-keyboard.js';
import type { SecretBox } from '../terminal/secret-box.js';
import type { readTerminalRecord } from '../terminal/terminal-record.js';

/** What the shell needs at start: enrolled?, how the key is kept, idle settings, locale (no visitor data). */
export function kioskStatus(s: {
  loaded: LoadedConfig;
  record: ReturnType<typeof readTerminalRecord>;
  serviceUrl: string | undefined;
  box: SecretBox;
  touchScreen: boolean;
}): KioskStatus {
  const { config } = s.loaded;
  const { record } = s;
  return {
    enrolled: record !== undefined,
    ...(record ? { terminalId: record.terminalId } : {}),
    ...((config.office ?? record?.office) ? { office: config.office ?? record?.office } : {}),
    ...(s.serviceUrl ? { serviceUrl: s.serviceUrl } : {}),
    serviceUrlFromPolicy: s.loaded.fromPolicy.has('serviceUrl'),
    keyProtection: record ? record.key.kind : s.box.osBacked ? 'os' : 'file',
    keyBackend: record ? record.key.backend : s.box.backend,
    locale: config.locale,
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    idleWarningSeconds: config.idleWarningSeconds,
    onScreenKeyboard: showOnScreenKeyboard(config.onScreenKeyboard, s.touchScreen),
  };
}
