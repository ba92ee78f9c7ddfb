/**
 * The rules index: each rule of docs/spec/RULES.md → its registry entry (src-shared/
 * rules-registry.ts), the code files that name it, the test titles that name it. Used by
 * test/shared/rules-registry.test.ts, and run to regenerate docs/rules.md:
 *   npx tsx test/support/rules-index.ts --write
 * An ID is spelled one way: `R-LOGIN-3` in text, `R_LOGIN_3_…` as a constant's name.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES, type RuleEntry } from '../../src-shared/rules-registry.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The project's own copy of its rules (docs/spec): what its tests hold to, in any clone. */
export const RULES_MD = path.join(REPO, 'docs/spec/RULES.md');
/** The HTTP contract and the seed's text, beside the rules. */
export const API_MD = path.join(REPO, 'docs/spec/API.md');
export const SEED_TXT = path.join(REPO, 'docs/spec/seed-employer-mypage-login.ja.txt');
export const RULES_DOC = path.join(REPO, 'docs/rules.md');
export const REGENERATE = 'npx tsx test/support/rules-index.ts --write';

const CODE_DIRS = ['src-shared', 'src-server', 'src-main', 'src-renderer', 'bench', 'build', 'scripts'];
const SOURCE = /\.(ts|mts|mjs|js|cjs|svelte|sh|css|html)$/;

/** The rule IDs of RULES.md, in its order. */
export function specRuleIds(text = readFileSync(RULES_MD, 'utf8')): string[] {
  return [...text.matchAll(/^- \*\*(R-[A-Z]+-\d+)\*\*/gm)].map((m) => m[1]!);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.') || name === 'results') return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const rel = (file: string) => path.relative(REPO, file).split(path.sep).join('/');
/** Source files outside test/, without the registry itself (it names every rule). */
export const codeFiles = () =>
  CODE_DIRS.flatMap((d) => walk(path.join(REPO, d)))
    .filter((f) => SOURCE.test(f))
    .map(rel)
    .filter((f) => f !== 'src-shared/rules-registry.ts')
    .sort();
export const testFiles = () =>
  walk(path.join(REPO, 'test'))
    .filter((f) => /\.(ts|mjs)$/.test(f))
    .map(rel)
    .sort();

/** `R-LOGIN-3` (not R-LOGIN-30) in text, or `R_LOGIN_3_` starting a constant's name. */
export function mentions(text: string, id: string): boolean {
  const constant = id.replaceAll('-', '_');
  return new RegExp(`${id}(?![0-9])|\\b${constant}_`).test(text);
}

/** The titles of it/test/describe (and describeEachDatabase) calls of one test file. */
export function testTitles(source: string): string[] {
  const call = /\b(?:it|test|describe|describeEachDatabase)(?:\.[a-zA-Z]+)*\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g;
  return [...source.matchAll(call)].map((m) => m[2]!);
}

/** Another spelling of an ID: several numbers on one family (a slash or `..` between them), or odd case. */
export function variantSpellings(text: string): string[] {
  const compound = text.match(/R-[A-Z]+-\d+(?:(?:\/|\.\.)\d+)+/g) ?? [];
  const oddCase = (text.match(/\b[rR]-(?:login|otp|pw|rereg|home|kiosk|cred)-\d+/gi) ?? []).filter(
    (s) => !/^R-[A-Z]+-\d+$/.test(s),
  );
  return [...compound, ...oddCase];
}

export type RuleIndexRow = {
  id: string;
  entry: RuleEntry | undefined;
  code: string[];
  tests: { file: string; title: string }[];
};

export function ruleIndex(ids = specRuleIds()): RuleIndexRow[] {
  const code = codeFiles().map((f) => [f, readFileSync(path.join(REPO, f), 'utf8')] as const);
  const titles = testFiles().flatMap((f) =>
    testTitles(readFileSync(path.join(REPO, f), 'utf8')).map((title) => ({ file: f, title })),
  );
  return ids.map((id) => ({
    id,
    entry: (RULES as Record<string, RuleEntry>)[id],
    code: code.filter(([, text]) => mentions(text, id)).map(([f]) => f),
    tests: titles.filter((t) => mentions(t.title, id)),
  }));
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').replaceAll('|', '\\|').trim();

/** docs/rules.md: one section a rule, in RULES.md's order. */
export function renderRulesDoc(rows = ruleIndex()): string {
  const out = [
    '# Rules → code → tests',
    '',
    `Generated from \`src-shared/rules-registry.ts\`, the sources and the test titles by \`${REGENERATE}\`;`,
    'test/shared/rules-registry.test.ts fails when this file is stale. The rules themselves:',
    '`docs/spec/RULES.md`.',
    '',
  ];
  for (const row of rows) {
    out.push(`## ${row.id}`, '', row.entry?.summary ?? '(no registry entry)', '');
    const names = Object.keys(row.entry?.constants ?? {});
    if (names.length) out.push(`Constants: ${names.map((n) => `\`${n}\``).join(', ')}`, '');
    out.push('Code:', ...(row.code.length ? row.code.map((f) => `- \`${f}\``) : ['- (none names it)']), '');
    out.push('Tests:', ...row.tests.map((t) => `- \`${t.file}\`: ${oneLine(t.title)}`), '');
  }
  return out.join('\n');
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) &&
  process.argv.includes('--write')
) {
  writeFileSync(RULES_DOC, renderRulesDoc());
  console.log(`wrote ${rel(RULES_DOC)}`);
}
