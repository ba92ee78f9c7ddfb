// The table of screens (src-renderer/lib/screens.ts) decides the chunks: a screen marked `lazy`
// is only reached through screens/after-login.ts, so the build puts it, and what only it uses,
// in the `after-login` chunk; the browser's login page (index.html) must not load any of it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screens } from '../../src-renderer/lib/screens.js';

type Chunk = { file: string; name: string; isEntry: boolean; imports: string[]; modules: string[] };

const root = path.resolve(import.meta.dirname, '..', '..');
const outDir = mkdtempSync(path.join(tmpdir(), 'renderer-chunks-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const lazyFiles = Object.values(screens).flatMap((s) => ('lazy' in s ? [`src-renderer/screens/${s.lazy}.svelte`] : []));
let chunks: Chunk[] = [];
beforeAll(() => {
  const r = spawnSync(process.execPath, [path.join(import.meta.dirname, 'support', 'renderer-chunks.mjs'), outDir], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  chunks = JSON.parse(r.stdout) as Chunk[];
}, 120_000);

/** The chunks a page loads before anything is fetched later: its entry and their static imports. */
function staticClosure(entry: string): Chunk[] {
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of byFile.get(file)?.imports ?? []) visit(next);
  };
  visit(chunks.find((c) => c.isEntry && c.name === entry)!.file);
  return [...seen].map((f) => byFile.get(f)!);
}

describe('the table of screens and the chunks', () => {
  it('every lazy screen of the table has its component file', () => {
    expect(lazyFiles.length).toBeGreaterThan(0);
    for (const file of lazyFiles) expect(existsSync(path.join(root, file)), file).toBe(true);
  });

  it('every lazy screen is built into the after-login chunk', () => {
    const afterLogin = chunks.filter((c) => c.name === 'after-login').flatMap((c) => c.modules);
    for (const file of lazyFiles) expect(afterLogin, file).toContain(file);
  });

  it('index.html (the login page) neither loads nor preloads an after-login file', () => {
    const loaded = staticClosure('index');
    const afterLoginChunks = chunks
      .filter((c) => c.modules.some((m) => lazyFiles.includes(m)) || c.name === 'after-login')
      .map((c) => c.file);
    expect(afterLoginChunks.length).toBeGreaterThan(0);
    for (const c of loaded) expect(afterLoginChunks, c.file).not.toContain(c.file);
    for (const c of loaded) for (const m of c.modules) expect(lazyFiles, `${m} in ${c.file}`).not.toContain(m);
    // What the built page itself asks for (its script and modulepreload tags).
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const asked = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(asked.length).toBeGreaterThan(0);
    for (const file of asked) expect(afterLoginChunks, file).not.toContain(file);
  });
});

describe('the staff console (staff.html) and the chunks', () => {
  const isStaffModule = (m: string) =>
    /^src-renderer\/(staff\/|lib\/i18n\/staff\/)|^src-shared\/staff-api\/|node_modules\/@simplewebauthn\//.test(m);

  it('the login page (index.html) loads no staff console module, not even the passkey library', () => {
    const loaded = staticClosure('index');
    for (const c of loaded) for (const m of c.modules) expect(isStaffModule(m), `${m} in ${c.file}`).toBe(false);
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const asked = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    const staffChunks = chunks.filter((c) => c.modules.some(isStaffModule)).map((c) => c.file);
    expect(staffChunks.length).toBeGreaterThan(0);
    for (const file of asked) expect(staffChunks, file).not.toContain(file);
  });

  it('staff.html loads the console and the passkey library, and none of the lazy employer screens', () => {
    const html = readFileSync(path.join(outDir, 'staff.html'), 'utf8');
    const asked = [...html.matchAll(/src="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    const modules = chunks.filter((c) => asked.includes(c.file)).flatMap((c) => c.modules);
    expect(modules).toContain('src-renderer/staff/main.ts');
    expect(modules.some((m) => m.includes('@simplewebauthn/browser'))).toBe(true);
    for (const file of lazyFiles) expect(modules, file).not.toContain(file);
  });
});
