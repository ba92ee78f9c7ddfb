// R-KIOSK-5: the installer icons are real images of the right sizes, made from assets/logo.svg
// by build/make-icons.mjs (reproducibly: the same logo gives the same bytes).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ICO_SIZES, LINUX_SIZES, ico } from '../../build/make-icons.mjs';
import { root } from './support/builder-config.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width, height, bit depth and colour type from a PNG's IHDR chunk. */
function pngHeader(data: Buffer) {
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(data.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), depth: data[24], colourType: data[25] };
}

/** The images of an .ico: size from the directory entry, bytes at the entry's offset. */
function icoImages(data: Buffer) {
  expect(data.readUInt16LE(0)).toBe(0);
  expect(data.readUInt16LE(2)).toBe(1);
  return Array.from({ length: data.readUInt16LE(4) }, (_, i) => {
    const at = 6 + 16 * i;
    const size = data[at] || 256;
    const bytes = data.subarray(data.readUInt32LE(at + 12), data.readUInt32LE(at + 12) + data.readUInt32LE(at + 8));
    return { size, height: data[at + 1] || 256, bytes };
  });
}

describe('R-KIOSK-5 installer icons', () => {
  it.each(LINUX_SIZES)('build/icons/%ix%i.png is that size, 8-bit RGBA', (size) => {
    expect(pngHeader(readFileSync(`${root}build/icons/${size}x${size}.png`))).toEqual({
      width: size,
      height: size,
      depth: 8,
      colourType: 6,
    });
  });

  it('build/icon.png is 512×512 and 256×256 exists for Linux', () => {
    expect(pngHeader(readFileSync(`${root}build/icon.png`))).toMatchObject({ width: 512, height: 512 });
    expect(pngHeader(readFileSync(`${root}build/icons/256x256.png`))).toMatchObject({ width: 256, height: 256 });
  });

  it('build/icon.ico holds 16…256 px, each entry a PNG of the size its entry claims', () => {
    const images = icoImages(readFileSync(`${root}build/icon.ico`));
    expect(images.map((i) => i.size)).toEqual(ICO_SIZES);
    for (const image of images) {
      expect(image.height).toBe(image.size);
      expect(pngHeader(image.bytes)).toMatchObject({ width: image.size, height: image.size });
    }
  });

  it('ico() lays out the directory Windows reads (256 is written as 0)', () => {
    const fake = (n: number) => Buffer.alloc(n, n);
    const data = ico([
      { size: 16, data: fake(3) },
      { size: 256, data: fake(5) },
    ]);
    expect(data.readUInt16LE(4)).toBe(2);
    expect([data[6], data[22]]).toEqual([16, 0]);
    expect(data.readUInt32LE(6 + 12)).toBe(6 + 32); // first image right after the directory
    expect(data.readUInt32LE(22 + 12)).toBe(6 + 32 + 3);
    expect(data.length).toBe(6 + 32 + 3 + 5);
  });

  const rsvg = spawnSync('rsvg-convert', ['--version']).status === 0;
  if (!rsvg)
    console.log(
      'icons.test: reproducibility check skipped: rsvg-convert is not installed (apt-get install librsvg2-bin)',
    );
  it.skipIf(!rsvg)('the committed icons are what assets/logo.svg renders to today', () => {
    const png = execFileSync('rsvg-convert', ['-w', '256', '-h', '256', `${root}assets/logo.svg`]);
    expect(png.equals(readFileSync(`${root}build/icons/256x256.png`))).toBe(true);
  });
});
