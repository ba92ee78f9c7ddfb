// The import rules of src-*, checked in `npm test` (scripts/test.mjs runs depcruise with this file).
// They are not written here: each folder's README states what it may import ("May import: …", or
// "- `x/` may import: …" in its program's README), and this file turns those lines into rules, so
// the prose and the check cannot drift. Paths in backticks count (`accounts/`, `login/x.ts`,
// `src-shared`, `*.repository.ts`); other words (`svelte`, `groupKey`) are for the reader.
const { readFileSync, readdirSync, existsSync, statSync } = require('node:fs');
const path = require('node:path');

const read = (file) => readFileSync(path.join(__dirname, file), 'utf8');
const esc = (s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** The backticked paths of one "may import:" text, as path patterns; `base` is the program folder. */
function allowedPatterns(text, base) {
  return [...text.matchAll(/`([^`]+)`/g)]
    .map((m) => m[1])
    .filter((t) => t.includes('/') || t.endsWith('.ts') || t.startsWith('src-'))
    .map((t) => {
      if (t.startsWith('*.')) return `^${esc(base)}[^/]+/[^/]+${esc(t.slice(1))}$`;
      const full = t.startsWith('src-') ? t : `${base}${t}`;
      return full.endsWith('.ts') ? `^${esc(full)}$` : `^${esc(full.replace(/\/$/, ''))}(/|$)`;
    });
}

/** The text after "May import:" in a README, up to the paragraph's end or "Imported by". */
function ownReadmeLine(file) {
  if (!existsSync(path.join(__dirname, file))) return undefined;
  const m = read(file).match(/^May import:([\s\S]*?)(?:\n\n|Imported by|(?![\s\S]))/m);
  return m?.[1];
}

/** "- `x/` may import: …" lines of a program's README. */
function listedLines(file) {
  const lines = new Map();
  for (const m of read(file).matchAll(/^- (?:`([^`]+)`|the root files[^\n]*?) may import:([^\n]*)/gm))
    lines.set(m[1] ?? '(root)', m[2]);
  return lines;
}

const rules = [];
function allow(name, from, text, base) {
  if (text === undefined) throw new Error(`.dependency-cruiser.cjs: ${name} states nothing it may import (README)`);
  const own = from; // a folder's files may import each other
  rules.push({
    name: `imports-of-${name}`,
    comment: `${name} imports only what its README allows`,
    severity: 'error',
    from: { path: from },
    to: { path: '^src-', pathNot: [own, ...allowedPatterns(text, base)] },
  });
}

// src-shared, src-renderer: one line each.
allow('src-shared', '^src-shared/', ownReadmeLine('src-shared/README.md'), 'src-shared/');
allow('src-renderer', '^src-renderer/', ownReadmeLine('src-renderer/README.md'), 'src-renderer/');
// src-main: core/ and electron/.
const mainLines = listedLines('src-main/README.md');
for (const sub of ['core', 'electron'])
  allow(`src-main/${sub}`, `^src-main/${sub}/`, mainLines.get(`${sub}/`), 'src-main/');
// src-server: each folder, from its own README or its line in src-server/README.md; the root files.
const serverLines = listedLines('src-server/README.md');
allow('src-server (root files)', '^src-server/[^/]+$', serverLines.get('(root)'), 'src-server/');
for (const dir of readdirSync(path.join(__dirname, 'src-server')).filter((d) =>
  statSync(path.join(__dirname, 'src-server', d)).isDirectory(),
)) {
  allow(
    `src-server/${dir}`,
    `^src-server/${dir}/`,
    ownReadmeLine(`src-server/${dir}/README.md`) ?? serverLines.get(`${dir}/`),
    'src-server/',
  );
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import cycles in src-*',
      severity: 'error',
      from: { path: '^src-' },
      to: { circular: true },
    },
    // src-main/README.md: "never `electron`" (core is tested without it); src-shared and src-renderer: no Node built-ins.
    {
      name: 'core-without-electron',
      severity: 'error',
      from: { path: '^src-main/core/' },
      to: { path: '(^|/)node_modules/electron/' },
    },
    {
      name: 'no-node-in-shared-or-renderer',
      severity: 'error',
      from: { path: '^src-(shared|renderer)/', pathNot: '^src-renderer/vite\.config\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    // src-server/README.md, "Layers": routes only translate (never a repository), repositories hold SQL only.
    {
      name: 'routes-call-services',
      severity: 'error',
      from: { path: '^src-server/.+\\.routes\\.ts$' },
      to: { path: '\\.repository\\.ts$' },
    },
    {
      name: 'repositories-hold-sql-only',
      severity: 'error',
      from: { path: '^src-server/.+\\.repository\\.ts$' },
      to: { path: '\\.(service|routes)\\.ts$' },
    },
    ...rules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src-renderer/(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.svelte', '.mjs'] },
  },
};
