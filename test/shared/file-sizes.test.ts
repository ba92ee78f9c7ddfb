import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/rules-index.js';

/** The team's rule: small files (STYLE.md). A file that truly cannot be split is named here, with why. */
const MAX_LINES = 250;
// None today: the kiosk core is split per feature and the catalogs per group of screens (issue 19).
const EXCEPTIONS: Record<string, string> = {};

const SOURCE = /\.(ts|mts|mjs|js|cjs|svelte|css|html)$/;
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : SOURCE.test(name) ? [full] : [];
  });
}

describe('file sizes', () => {
  it(`no source file in src-* has more than ${MAX_LINES} lines (exceptions named, with a reason)`, () => {
    const files = readdirSync(REPO)
      .filter((d) => d.startsWith('src-'))
      .flatMap((d) => walk(path.join(REPO, d)));
    expect(files.length).toBeGreaterThan(100);
    const over = files
      .map((f) => ({
        file: path.relative(REPO, f).split(path.sep).join('/'),
        lines: readFileSync(f, 'utf8').split('\n').length - 1,
      }))
      .filter((f) => f.lines > MAX_LINES && !(f.file in EXCEPTIONS))
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(over, 'split these files (or name them in EXCEPTIONS with the reason)').toEqual([]);
  });
});
