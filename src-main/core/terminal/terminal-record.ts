import { chmod, readFile, writeFile } from 'node:fs/promises';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { SettingsStore } from '../ports.js';
import type { SecretBox } from './secret-box.js';

/**
 * What enrollment leaves in the settings store. The private key is never stored in clear there.
 * Not strict: a field a newer version adds must not make this version lose the enrollment when IT
 * rolls back (docs/it-staff.md, "Roll back"); unknown fields are dropped on reading.
 */
export const TerminalRecord = z.object({
  terminalId: z.string().min(1),
  machineIdHash: z.string().regex(/^[0-9a-f]{64}$/),
  publicKey: z.string().min(1),
  office: z.string().optional(),
  serviceUrl: z.string(),
  key: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('os'), backend: z.string(), cipher: z.string() }),
    z.object({ kind: z.literal('file'), backend: z.string(), path: z.string() }),
  ]),
});
export type TerminalRecord = z.infer<typeof TerminalRecord>;
export type KeyPlacement = TerminalRecord['key'];

const STORE_KEY = 'terminal';

export function readTerminalRecord(store: SettingsStore): TerminalRecord | undefined {
  const parsed = TerminalRecord.safeParse(store.get(STORE_KEY));
  return parsed.success ? parsed.data : undefined;
}

export function writeTerminalRecord(store: SettingsStore, record: TerminalRecord): void {
  store.set(STORE_KEY, record);
}

/**
 * Keeps the private key: encrypted by the OS when it can; otherwise (basic_text) in a file only
 * the kiosk account may read. That is weaker, and the caller says so on screen and in the log.
 */
export async function placePrivateKey(pem: string, box: SecretBox, keyFile: string): Promise<KeyPlacement> {
  if (box.osBacked) return { kind: 'os', backend: box.backend, cipher: box.encrypt(pem).toString('base64') };
  await writeFile(keyFile, pem, { mode: 0o600 });
  await chmod(keyFile, 0o600); // the mode of writeFile applies only to a new file
  return { kind: 'file', backend: box.backend, path: keyFile };
}

export async function loadPrivateKey(placement: KeyPlacement, box: SecretBox): Promise<KeyObject> {
  const pem =
    placement.kind === 'os'
      ? box.decrypt(Buffer.from(placement.cipher, 'base64'))
      : await readFile(placement.path, 'utf8');
  return createPrivateKey(pem);
}
