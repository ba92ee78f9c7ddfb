import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskChannels } from '../../../src-shared/kiosk-bridge.js';

const root = path.resolve(import.meta.dirname, '../../..');

describe('the preload bundle (scripts/build-kiosk.mjs options)', () => {
  it('R-KIOSK-1: holds every channel of the contract and no schema code (zod stays in main)', async () => {
    const out = await build({
      entryPoints: ['src-main/electron/preload.ts'],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const code = out.outputFiles[0]!.text;
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.filter((f) => f.includes('node_modules'))).toEqual([]);
    expect(inputs.filter((f) => f.startsWith('src-shared/api/'))).toEqual([]);
    expect(code).not.toMatch(/zod|safeParse/i);
    for (const channel of kioskChannels) expect(code).toMatch(new RegExp(`\\b${channel}\\b`));
    expect(code).toContain('kiosk:');
  });
});
