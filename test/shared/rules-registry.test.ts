import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as rules from '../../src-shared/rules.js';
import { NOT_A_RULE, RULES } from '../../src-shared/rules-registry.js';
import {
  codeFiles,
  REGENERATE,
  REPO,
  RULES_DOC,
  RULES_MD,
  renderRulesDoc,
  ruleIndex,
  specRuleIds,
  testFiles,
  variantSpellings,
} from '../support/rules-index.js';

const ids = specRuleIds();
const rows = ruleIndex(ids);

describe('the rules registry against docs/spec/RULES.md', () => {
  it('reads the rules from RULES.md', () => {
    expect(existsSync(RULES_MD), `${RULES_MD} is missing`).toBe(true);
    expect(ids.length).toBeGreaterThan(30);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every rule has a registry entry with a one-line summary', () => {
    const missing = ids.filter((id) => !(id in RULES));
    expect(missing, 'add these to src-shared/rules-registry.ts').toEqual([]);
    for (const id of ids) expect(RULES[id as keyof typeof RULES].summary, id).toMatch(/^[^\n]{10,160}$/);
  });

  it('every registry entry names a rule of RULES.md', () => {
    expect(Object.keys(RULES).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('every rule has a test whose title names its ID', () => {
    expect(rows.filter((r) => r.tests.length === 0).map((r) => r.id)).toEqual([]);
  });

  it("every export of rules.ts is a rule's (listed under it, named after it) or named as the service's own choice", () => {
    const listed = new Map<string, string>();
    for (const [id, entry] of Object.entries(RULES))
      for (const name of Object.keys(entry.constants)) listed.set(name, id);
    for (const name of Object.keys(rules)) {
      if ((NOT_A_RULE as readonly string[]).includes(name)) continue;
      const id = listed.get(name);
      expect(id, `${name} is in no registry entry`).toBeDefined();
      expect((RULES as Record<string, { constants: Record<string, unknown> }>)[id!]!.constants[name]).toBe(
        (rules as Record<string, unknown>)[name],
      );
      if (typeof (rules as Record<string, unknown>)[name] !== 'function')
        expect(name.startsWith(`${id!.replaceAll('-', '_')}_`), `${name} does not carry ${id}`).toBe(true);
    }
  });

  it('an ID is spelled one way in code, tests and docs: each number in full, no slashes or ranges', () => {
    const docs = [
      'README.md',
      'docs/kiosk.md',
      'docs/security.md',
      'docs/testers.md',
      'docs/it-staff.md',
      'docs/build.md',
      'docs/api-additions.md',
    ];
    const found = [...codeFiles(), ...testFiles(), ...docs.filter((d) => existsSync(path.join(REPO, d)))]
      .flatMap((f) => variantSpellings(readFileSync(path.join(REPO, f), 'utf8')).map((s) => `${f}: ${s}`))
      .filter(
        (s) => !s.startsWith('test/support/rules-index.ts') && !s.startsWith('test/shared/rules-registry.test.ts'),
      );
    expect(found).toEqual([]);
  });

  it(`docs/rules.md is current (regenerate: ${REGENERATE})`, () => {
    const committed = existsSync(RULES_DOC) ? readFileSync(RULES_DOC, 'utf8') : '';
    expect(committed === renderRulesDoc(rows), `docs/rules.md is stale; run: ${REGENERATE}`).toBe(true);
  });
});
