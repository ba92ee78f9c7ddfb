#!/usr/bin/env node
// Makes the installer icons from assets/logo.svg, reproducibly: rsvg-convert (Debian package
// librsvg2-bin) draws each PNG size; the .ico is assembled here (PNG-compressed entries, the
// format Windows Vista and later read), so no ImageMagick is needed. Outputs are committed;
// run again after changing the logo:  node build/make-icons.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const logo = `${root}assets/logo.svg`;
/** Linux wants a folder of NxN.png; electron-builder picks them up from build/icons. */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
/** Windows: 256 is the largest size an .ico holds. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

function png(size) {
  try {
    return execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), logo]);
  } catch (error) {
    throw new Error(`rsvg-convert failed (apt-get install librsvg2-bin): ${error.message}`, { cause: error });
  }
}

/** ICONDIR + one ICONDIRENTRY per image + the PNG bytes, little-endian (Microsoft's ICO layout). */
export function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(`${root}build/icons`, { recursive: true });
  const bySize = new Map(LINUX_SIZES.map((size) => [size, png(size)]));
  for (const [size, data] of bySize) writeFileSync(`${root}build/icons/${size}x${size}.png`, data);
  writeFileSync(`${root}build/icon.png`, bySize.get(512));
  writeFileSync(`${root}build/icon.ico`, ico(ICO_SIZES.map((size) => ({ size, data: bySize.get(size) }))));
  console.log(`icons written from ${logo}: build/icon.png, build/icon.ico, build/icons/*.png`);
}
