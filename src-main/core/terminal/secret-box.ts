/**
 * Encrypts the terminal's private key at rest. The glue backs it with Electron's safeStorage.
 * `osBacked` is false where safeStorage only obfuscates (Linux without a keyring reports
 * `basic_text`): then the key goes to a 0600 file instead, and the kiosk says so.
 */
export interface SecretBox {
  /** e.g. `dpapi`, `keychain`, `gnome_libsecret`, `kwallet5`, `basic_text`. */
  readonly backend: string;
  readonly osBacked: boolean;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}
