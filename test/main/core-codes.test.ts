// Main answers with codes; the renderer owns every text (ja and en). This reads src-main's
// sources as TypeScript (comments are not nodes) and fails on Japanese in any string, and lists
// every code main itself puts into an answer (`error: '…'`, `reason: '…'`), so the renderer's
// test can check each has its words (test/renderer/answer-codes.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src-shared/api/errors.js';
import { kioskRefusals } from '../../src-shared/kiosk-refusals.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Strings that are not UI (what an operator reads in a log line, a file name…), by file and the
 * exact text, each with why. Empty today: a Japanese text in main is a screen's text in the
 * wrong place.
 */
const allowed: Record<string, { text: string; why: string }[]> = {};

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Every string part of a file (literals, template parts, regular expressions), outside comments. */
function strings(file: string): { text: string; node: ts.Node }[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { text: string; node: ts.Node }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node))
      found.push({ text: node.text, node });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sources('src-main');

describe('main answers with codes, not texts', () => {
  it('no string in src-main is Japanese (comments aside; an allow-list names what is not UI)', () => {
    expect(files.length).toBeGreaterThan(20);
    const japanese = files.flatMap((file) =>
      strings(file)
        .filter((s) => JAPANESE.test(s.text) && !(allowed[file] ?? []).some((a) => a.text === s.text))
        .map((s) => `${file}: ${s.text}`),
    );
    expect(japanese).toEqual([]);
  });

  it("src-main takes no text from the catalogs either (errorText, the screens' i18n)", () => {
    for (const file of files) {
      const source = ts.createSourceFile(
        file,
        readFileSync(path.join(root, file), 'utf8'),
        ts.ScriptTarget.Latest,
        true,
      );
      for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
        const imported = statement.getText();
        expect(imported, file).not.toMatch(/\berrorText\b|passwordViolationText|src-renderer\//);
      }
    }
  });

  it('every code main puts into an answer is a code of the contract (which the renderer words)', () => {
    const codes = new Set<string>([...errorCodes, 'network_error']);
    const reasons = new Set<string>(kioskRefusals);
    let seen = 0;
    for (const file of sources('src-main/core')) {
      for (const { text, node } of strings(file)) {
        let at: ts.Node = node;
        while (ts.isConditionalExpression(at.parent) || ts.isParenthesizedExpression(at.parent)) at = at.parent;
        const parent = at.parent;
        if (!ts.isPropertyAssignment(parent) || parent.initializer !== at) continue;
        const key = parent.name.getText();
        if (key === 'error') expect(codes, `${file}: error '${text}'`).toContain(text);
        if (key === 'reason' && /^[a-z_]+$/.test(text)) expect(reasons, `${file}: reason '${text}'`).toContain(text);
        if (key === 'error' || key === 'reason') seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(5);
  });
});
