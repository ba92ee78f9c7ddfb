import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api } from '../../src-shared/api/routes.js';
import * as schemas from '../../src-shared/api/schemas.js';
import { MULTILINE_TEXT, PLAIN_TEXT, text } from '../../src-shared/api/text.js';
import * as actions from '../../src-shared/staff-api/actions.js';
import { staffApi } from '../../src-shared/staff-api/routes.js';

/** Code points no text field may let through (./src-shared/api/text.ts). */
const FORBIDDEN = [
  '\u0000',
  'a\u0000b',
  '\u0001',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
];
const LINE_BREAKS = ['\t', '\n', '\r'];

type JsonSchema = { [key: string]: unknown };

/** Every string node of a JSON Schema, with where it is. */
function stringNodes(node: unknown, where: string, out: Array<[string, JsonSchema]>): Array<[string, JsonSchema]> {
  if (!node || typeof node !== 'object') return out;
  const n = node as JsonSchema;
  const types = Array.isArray(n.type) ? n.type : [n.type];
  if (types.includes('string') && n.enum === undefined && n.const === undefined) out.push([where, n]);
  for (const [key, child] of Object.entries(n)) {
    if (key === 'allOf' && types.includes('string')) continue; // the node's own patterns
    if (Array.isArray(child)) child.forEach((c, i) => stringNodes(c, `${where}/${key}/${i}`, out));
    else if (child && typeof child === 'object') stringNodes(child, `${where}/${key}`, out);
  }
  return out;
}

function patternsOf(node: JsonSchema): RegExp[] {
  const own = typeof node.pattern === 'string' ? [node.pattern] : [];
  const all = Array.isArray(node.allOf)
    ? (node.allOf as JsonSchema[]).flatMap((p) => (typeof p.pattern === 'string' ? [p.pattern] : []))
    : [];
  return [...own, ...all].map((p) => new RegExp(p));
}

/** What clients send to either API: the tables' bodies and the path and query schemas their routes use. */
const requestSchemas: Array<[string, z.ZodType]> = [
  ...Object.entries(api).flatMap(([name, e]) =>
    'body' in e && e.body ? [[`api.${name}`, e.body] as [string, z.ZodType]] : [],
  ),
  ...Object.entries(staffApi).flatMap(([name, e]) =>
    'body' in e && e.body ? [[`staffApi.${name}`, e.body] as [string, z.ZodType]] : [],
  ),
  ...Object.entries({ ...schemas, ...actions }).flatMap(([name, s]) =>
    /(Params|Query)$/.test(name) && s instanceof z.ZodType ? [[name, s] as [string, z.ZodType]] : [],
  ),
];

describe('the contract: every text a client sends refuses control characters and lone surrogates', () => {
  it('finds the request schemas of both APIs, path parameters and queries included', () => {
    const names = requestSchemas.map(([n]) => n);
    for (const n of [
      'api.kioskHeartbeat',
      'api.kioskEnroll',
      'staffApi.loginVerify',
      'DeviceParams',
      'KioskParams',
      'EmployerParams',
      'EmployerSearchQuery',
      'AuditQuery',
    ])
      expect(names).toContain(n);
  });

  it.each(requestSchemas)(
    '%s: each string field has a pattern that refuses them (a new field cannot forget text())',
    (_name, schema) => {
      const nodes = stringNodes(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), '#', []);
      expect(nodes.length).toBeGreaterThan(0);
      for (const [where, node] of nodes) {
        const patterns = patternsOf(node);
        for (const bad of FORBIDDEN)
          expect(
            patterns.some((p) => !p.test(bad)),
            `${where} lets ${JSON.stringify(bad)} through`,
          ).toBe(true);
      }
    },
  );

  it('text(): plain text refuses tabs and line breaks, `lines` lets them through; surrogate pairs (emoji) and Japanese pass', () => {
    for (const ok of ['株式会社 ハローワーク', '😀 ok', 'ａｂｃ', '']) {
      expect(PLAIN_TEXT.test(ok)).toBe(true);
      expect(MULTILINE_TEXT.test(ok)).toBe(true);
    }
    for (const br of LINE_BREAKS) {
      expect(PLAIN_TEXT.test(`a${br}b`)).toBe(false);
      expect(MULTILINE_TEXT.test(`a${br}b`)).toBe(true);
    }
    for (const bad of FORBIDDEN) {
      expect(PLAIN_TEXT.test(bad)).toBe(false);
      expect(MULTILINE_TEXT.test(bad)).toBe(false);
    }
    expect(text(3).safeParse('abcd').success).toBe(false);
    expect(text(3, { min: 1 }).safeParse('').success).toBe(false);
    // a kiosk version with a NUL: the 500 of PostgreSQL before, refused at the edge now
    expect(
      schemas.HeartbeatRequest.safeParse({ terminalId: 't', version: '1.0\u0000', nonce: 'n', signature: 'AA==' })
        .success,
    ).toBe(false);
  });
});
