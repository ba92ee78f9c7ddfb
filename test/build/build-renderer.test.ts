import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rendererIsStale } from '../../scripts/build-renderer.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'build-renderer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the one renderer build entry (scripts/build-renderer.mjs)', () => {
  it('rebuilds when there is no build, or a source is newer than it; not otherwise', () => {
    expect(rendererIsStale(path.join(dir, 'none'))).toBe(true);
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'index.html'), '');
    utimesSync(path.join(out, 'index.html'), new Date(0), new Date(0)); // built before any source
    expect(rendererIsStale(out)).toBe(true);
    const later = new Date(Date.now() + 3_600_000); // built after every source
    utimesSync(path.join(out, 'index.html'), later, later);
    expect(rendererIsStale(out)).toBe(false);
  });
});
