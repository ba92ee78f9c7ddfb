// A stand-in for the Electron executable where the real one cannot be downloaded: a file holding
// the fuse sentinel and a fuse wire exactly as Electron lays them out (@electron/fuses finds the
// sentinel, reads version and length, then one ASCII '0'/'1' byte per fuse).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's nine fuses as shipped (41 to 45), in wire order; the ninth is WasmTrapHandlers. */
export const ELECTRON_DEFAULT_WIRE = '101100011';

export function writeFakeElectron(file: string, wire = ELECTRON_DEFAULT_WIRE): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const body = Buffer.concat([
    Buffer.from('\x7fELF stand-in for the Electron binary\0'),
    Buffer.from(SENTINEL),
    Buffer.from([1, wire.length]),
    Buffer.from(wire),
    Buffer.from('\0rest of the binary'),
  ]);
  writeFileSync(file, body);
  chmodSync(file, 0o755);
}

/** The wire as a string of '0'/'1', read the way Electron reads it. */
export function wireOf(binary: Buffer): string {
  const at = binary.indexOf(SENTINEL) + SENTINEL.length;
  const length = binary[at + 1] ?? 0;
  return binary.subarray(at + 2, at + 2 + length).toString('latin1');
}
