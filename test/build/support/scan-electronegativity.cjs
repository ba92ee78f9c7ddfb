// Runs @doyensec/electronegativity over the kiosk's sources and prints its findings as JSON.
// Usage: node scan-electronegativity.cjs <repo root> <dir>...
// - Offline: electronegativity fetches translations and Electron's release list with `got`;
//   here `got` is replaced by a stub that fails at once, so the scan never touches the network.
// - Its TypeScript parser (typescript-estree 4, TS 4.2) cannot read today's syntax (`satisfies`),
//   and it skips .svelte files; so each .ts is stripped to JS with esbuild and each .svelte is
//   split into its <script> (as JS) and its markup (as HTML) in a temporary tree first. Findings
//   name the original file; lines are those of the stripped copy.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

const [root, ...dirs] = process.argv.slice(2);
const enDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json', { paths: [root] }));
const gotPath = require.resolve('got', { paths: [enDir] });
const offline = () => Promise.reject(new Error('offline'));
offline.head = offline;
offline.default = offline;
const stub = new Module(gotPath);
stub.filename = gotPath;
stub.loaded = true;
stub.exports = offline;
require.cache[gotPath] = stub;

const esbuild = require(require.resolve('esbuild', { paths: [root] }));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
const origin = new Map(); // copy (relative to tmp) → original (relative to root)

const LOWERED = [
  'class-private-field',
  'class-private-method',
  'class-private-accessor',
  'class-private-static-field',
  'class-private-static-method',
  'class-private-static-accessor',
  'class-private-brand-check',
  'class-static-blocks',
];

function stripTs(code, loader) {
  // Private class members and static blocks are lowered too: its AST walker knows neither.
  const supported = Object.fromEntries(LOWERED.map((feature) => [feature, false]));
  return esbuild.transformSync(code, { loader, format: 'esm', target: 'es2022', supported, sourcemap: false }).code;
}

function copy(rel) {
  const src = path.join(root, rel);
  for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') copy(child);
      continue;
    }
    const text = fs.readFileSync(path.join(root, child), 'utf8');
    const out = [];
    if (/\.(c|m)?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
      out.push([child.replace(/\.(c|m)?ts$/, '.js'), stripTs(text, 'ts')]);
    else if (/\.(c|m)?js$|\.html?$/.test(entry.name)) out.push([child, text]);
    else if (entry.name.endsWith('.svelte')) {
      const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
      out.push([`${child}.js`, stripTs(scripts, 'ts')]);
      out.push([`${child}.html`, text.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')]);
    }
    for (const [copyRel, content] of out) {
      fs.mkdirSync(path.dirname(path.join(tmp, copyRel)), { recursive: true });
      fs.writeFileSync(path.join(tmp, copyRel), content);
      origin.set(copyRel, child);
    }
  }
}

(async () => {
  for (const dir of dirs) if (fs.existsSync(path.join(root, dir))) copy(dir);
  const electronVersion = require(require.resolve('electron/package.json', { paths: [root] })).version;
  const run = require('@doyensec/electronegativity');
  const log = console.log;
  console.log = () => {}; // its progress chatter; the JSON below is the only output
  let result;
  try {
    result = await (run.default ?? run)({
      input: tmp,
      isRelative: true,
      electronVersionOverride: electronVersion,
      // Needs the network (Electron's release list); our Electron version is pinned in package.json.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
  } finally {
    console.log = log;
  }
  const rel = (file) => path.relative(tmp, path.resolve(tmp, file));
  const findings = result.issues.map((i) => ({
    id: i.id,
    file: origin.get(rel(i.file)) ?? rel(i.file),
    line: i.location?.line,
    sample: String(i.sample ?? '').slice(0, 200),
    description: i.description,
    severity: i.severity?.name,
    confidence: i.confidence?.name,
    manualReview: Boolean(i.manualReview),
  }));
  const parseErrors = result.errors.map((e) => ({
    file: origin.get(rel(e.file)) ?? rel(e.file),
    message: e.message,
    tolerable: e.tolerable,
  }));
  process.stdout.write(JSON.stringify({ scanned: [...origin.values()], findings, parseErrors }, null, 1));
  fs.rmSync(tmp, { recursive: true, force: true });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
