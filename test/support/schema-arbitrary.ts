import fc from 'fast-check';
import { MULTILINE_TEXT, PLAIN_TEXT } from '../../src-shared/api/text.js';
import { ajvErrors, documentAjv, type OpenApi } from './openapi-answers.js';

type Schema = { [key: string]: unknown };

/**
 * Values a JSON Schema of an OpenAPI document allows, for schemathesis-style property checks:
 * built from the schema's own keywords (objects with their required and some optional
 * properties, strings from their `pattern`, numbers within their bounds, enums, unions), then kept
 * only when the schema really validates them (Ajv), so every value is one the document allows.
 * Throws on a keyword it cannot generate from, rather than generate something else.
 */
export function arbitraryOf(doc: OpenApi, schema: unknown): fc.Arbitrary<unknown> {
  const validate = documentAjv(doc).compile(schema);
  return build(doc, schema as Schema).filter((value) => {
    if (validate(value)) return true;
    if (process.env.MYPAGE_TEST_ARBITRARY_DEBUG) console.warn(JSON.stringify(value), ajvErrors(validate));
    return false;
  });
}

function build(doc: OpenApi, schema: Schema): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string') {
    const target = doc.components.schemas[schema.$ref.split('/').pop() ?? ''];
    if (!target) throw new Error(`no component for ${schema.$ref}`);
    return build(doc, { ...(target as Schema), ...withoutRef(schema) });
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['anyOf', 'oneOf'] as const)
    if (Array.isArray(schema[key])) return fc.oneof(...(schema[key] as Schema[]).map((s) => build(doc, s)));
  const type = schema.type;
  if (Array.isArray(type)) return fc.oneof(...type.map((t: unknown) => build(doc, { ...schema, type: t })));
  switch (type) {
    case 'object':
      return objectOf(doc, schema);
    case 'array':
      return fc.array(build(doc, (schema.items as Schema | undefined) ?? {}), {
        maxLength: Math.min(Number(schema.maxItems ?? 4), 4),
      });
    case 'string':
      return stringOf(schema);
    case 'integer':
    case 'number':
      return fc.integer({
        min: Math.ceil(Number(schema.minimum ?? -1_000_000)),
        max: Math.floor(Number(schema.maximum ?? 1_000_000)),
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      if (Object.keys(schema).length === 0) return fc.jsonValue({ maxDepth: 1 });
      throw new Error(`cannot generate from ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

const withoutRef = ({ $ref: _ref, ...rest }: Schema) => rest;

/** An object with its required properties and, as fast-check draws, some of its optional ones. */
function objectOf(doc: OpenApi, schema: Schema): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const model = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, build(doc, v)]));
  const required = ((schema.required ?? []) as string[]).filter((k) => k in model);
  return fc.record(model, { requiredKeys: required });
}

/** The patterns of a string schema: its own and those of `allOf` members (zod writes several there). */
function patternsOf(schema: Schema): string[] {
  const own = typeof schema.pattern === 'string' ? [schema.pattern] : [];
  const members = Array.isArray(schema.allOf) ? (schema.allOf as Schema[]).flatMap(patternsOf) : [];
  return [...own, ...members];
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  const lengths = [schema, ...((schema.allOf as Schema[] | undefined) ?? [])];
  const maxLength = Math.min(...lengths.map((s) => Number(s.maxLength ?? Infinity)), 300);
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  // The most telling pattern: one of the field's own rather than the plain-text bound every text has.
  const generic = new Set([PLAIN_TEXT.source, MULTILINE_TEXT.source]);
  const patterns = patternsOf(schema);
  const pattern = patterns.find((p) => !generic.has(p)) ?? patterns[0];
  if (!pattern) return fc.string({ unit: 'grapheme', maxLength });
  // fast-check cannot generate from look-aheads; the filter of arbitraryOf holds the schema to them.
  const usable = pattern.replace(/\(\?[!=](?:[^()]|\([^()]*\))*\)/g, '');
  return fc.stringMatching(new RegExp(usable), { maxLength });
}
