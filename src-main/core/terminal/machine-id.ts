import { createHash } from 'node:crypto';

/** The machine ID as the OS tells it (node-machine-id's `machineId(true)` in the glue). */
export type MachineIdSource = () => Promise<string>;

/** Only the SHA-256 (hex) of the machine ID ever leaves the terminal (API.md `machineIdHash`). */
export async function machineIdHash(source: MachineIdSource): Promise<string> {
  const raw = (await source()).trim().toLowerCase();
  if (!raw) throw new Error('the machine ID is empty');
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}
