import { z } from 'zod';

/** A JSON Schema (draft 2020-12, OpenAPI 3.1's dialect) as plain JSON. */
export type JsonSchema = { [key: string]: unknown };

/** A schema a document needs: its zod schema, whether clients send it or the service answers it, and a name if it has none. */
export type Root = { schema: z.ZodType; io: 'input' | 'output'; name: string };

const COMPONENTS = '#/components/schemas/';

/**
 * The JSON Schemas of one document's `roots`, through zod's own converter: each root (and each
 * schema with an `id` it contains) becomes a component under its `id` (`.meta({ id })`) or the name
 * given, and only the components the roots reach are kept, so a document never carries another
 * listener's schemas. Requests are written as clients may send them (`io: 'input'`: defaults make
 * a field optional), answers as the service sends them (`io: 'output'`).
 *
 * A text the service normalises before it checks it (`text(…).transform(…).pipe(checked)`) is
 * documented by both checks: the raw text's (length, characters) and the normalised value's
 * (e.g. an e-mail address of at most 254 characters), so a value in its normal form that the
 * document allows is one the service accepts. Its `.meta()` says what is normalised, and may
 * narrow the form where JSON Schema cannot say what normalising does (schemas.ts).
 */
export function componentsOf(roots: Root[]): { refs: Map<Root, JsonSchema>; schemas: Record<string, JsonSchema> } {
  const refs = new Map<Root, JsonSchema>();
  const schemas: Record<string, JsonSchema> = {};
  for (const io of ['input', 'output'] as const) {
    const mine = roots.filter((r) => r.io === io);
    if (!mine.length) continue;
    const converted = convert(mine, io);
    const own = mine.map((root) => ({ $ref: COMPONENTS + converted.idOf(root) }));
    mine.forEach((root, i) => refs.set(root, own[i] as JsonSchema));
    for (const [id, schema] of Object.entries(prune(converted.schemas, own))) {
      const existing = schemas[id];
      if (existing && JSON.stringify(existing) !== JSON.stringify(schema))
        throw new Error(`OpenAPI: schema ${id} differs as a request and as an answer; give one of them its own id`);
      schemas[id] = schema;
    }
  }
  return { refs, schemas };
}

function convert(roots: Root[], io: 'input' | 'output') {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of z.globalRegistry._idmap) registry.add(schema, { id });
  const idOf = (root: Root) => {
    const id = registry.get(root.schema)?.id;
    if (id) return id;
    registry.add(root.schema, { id: root.name });
    return root.name;
  };
  for (const root of roots) idOf(root);
  // Descriptions and other metadata come from the global registry; ids from this one.
  const metadata = { get: (s: z.ZodType) => ({ ...z.globalRegistry.get(s), ...registry.get(s) }) };
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    metadata: metadata as unknown as typeof z.globalRegistry,
    unrepresentable: 'any',
    cycles: 'ref',
    reused: 'inline',
    uri: (id) => COMPONENTS + id,
    override: io === 'input' ? documentNormalisedText : undefined,
  });
  const clean: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    if (id === '__shared') throw new Error('OpenAPI: a schema was left without a component');
    const { $schema: _s, $id: _i, id: _id, ...rest } = schema as JsonSchema;
    clean[id] = rest;
  }
  return { schemas: clean, idOf };
}

/** `override` of the request side: a pipe through a transform carries the normalised value's checks too. */
function documentNormalisedText(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const def = (ctx.zodSchema as z.ZodType)._zod.def;
  if (def.type !== 'pipe') return;
  const pipe = def as unknown as { in: z.ZodType; out: z.ZodType };
  if (!transforms(pipe.in)) return;
  const { $schema: _s, ...checked } = z.toJSONSchema(pipe.out, { target: 'draft-2020-12', io: 'output' });
  if (Object.keys(checked).length > 1) ctx.jsonSchema.allOf = [...((ctx.jsonSchema.allOf as []) ?? []), checked];
}

function transforms(schema: z.ZodType): boolean {
  const def = schema._zod.def;
  if (def.type === 'transform') return true;
  return def.type === 'pipe' && transforms((def as unknown as { out: z.ZodType }).out);
}

/** The components `from` reaches through `$ref`, and nothing else. */
export function prune(schemas: Record<string, JsonSchema>, from: JsonSchema[]): Record<string, JsonSchema> {
  const kept: Record<string, JsonSchema> = {};
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(COMPONENTS)) {
        const id = child.slice(COMPONENTS.length);
        const schema = schemas[id];
        if (schema && !kept[id]) {
          kept[id] = schema;
          visit(schema);
        }
      } else visit(child);
    }
  };
  visit(from);
  return Object.fromEntries(
    Object.keys(kept)
      .sort()
      .map((id) => [id, kept[id] as JsonSchema]),
  );
}
