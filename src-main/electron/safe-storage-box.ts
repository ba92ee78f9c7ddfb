import { safeStorage } from 'electron';
import type { SecretBox } from '../core/terminal/secret-box.js';

/**
 * safeStorage as the core's SecretBox. On Linux without a keyring safeStorage still "works" with
 * a hard-coded password (`basic_text`): that is not protection, so it is reported as not OS-backed
 * and core keeps the key in a 0600 file and says so (docs/kiosk.md tells IT the remedy).
 */
export function safeStorageBox(): SecretBox {
  const available = safeStorage.isEncryptionAvailable();
  const backend =
    process.platform === 'linux'
      ? safeStorage.getSelectedStorageBackend()
      : process.platform === 'win32'
        ? 'dpapi'
        : process.platform === 'darwin'
          ? 'keychain'
          : 'unknown';
  const osBacked = available && backend !== 'basic_text' && backend !== 'unknown';
  return {
    backend: available ? backend : `${backend} (unavailable)`,
    osBacked,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  };
}
