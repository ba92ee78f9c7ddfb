import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/rules-index.js';

/**
 * The bench (bench/) builds on what the suites build on and nothing deeper: test/support (which
 * owns every reach into src-server, src-main and scripts), the contract in src-shared, its own
 * files, packages and Node. So a change inside the service breaks test/support in one place, never
 * a copy in the bench.
 */
const ALLOWED = ['bench/', 'test/support/', 'src-shared/'];
// The browser suites' config: the bench launches Chromium with the same options (launchOptions).
const ALLOWED_FILES = ['playwright.config.ts', 'playwright.config.js'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory()
      ? name === 'results'
        ? []
        : walk(full)
      : /\.(ts|mts|mjs|js)$/.test(name)
        ? [full]
        : [];
  });
}

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

describe('what the bench imports', () => {
  it('bench imports only test/support, src-shared, itself, packages and Node built-ins', () => {
    const files = walk(path.join(REPO, 'bench'));
    expect(files.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const file of files) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
        if (!spec!.startsWith('.')) continue; // a package or node:…
        const target = path
          .relative(REPO, path.resolve(path.dirname(file), spec!))
          .split(path.sep)
          .join('/');
        if (ALLOWED.some((p) => target.startsWith(p)) || ALLOWED_FILES.includes(target)) continue;
        wrong.push(`${path.relative(REPO, file)} imports ${spec}`);
      }
    }
    expect(wrong, 'move what the bench needs into test/support (and import it from there)').toEqual([]);
  });
});
