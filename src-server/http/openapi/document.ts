import { ErrorBody } from '../../../src-shared/api/errors.js';
import { responsesOf } from './answers.js';
import { componentsOf, prune, type JsonSchema, type Root } from './json-schemas.js';
import type { DocumentedEntry, Listener } from './listeners.js';

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; description: string; version: string };
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, Record<string, string>> };
};

/** `/api/v1/settings/devices/:id` (Fastify's form, the tables') → `/api/v1/settings/devices/{id}` (OpenAPI's). */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** `Staff` + `EmployerSearch` + `Query`: the component name of an entry's schema that has no `id` of its own. */
const nameOf = (prefix: string, entry: string, part: string) =>
  `${prefix}${entry.charAt(0).toUpperCase()}${entry.slice(1)}${part}`;

/**
 * The OpenAPI 3.1 document of one listener, derived from its table (listeners.ts): one operation
 * per entry — its success status, every error it can answer with the `Error` body, its security,
 * its path and query parameters, body and answer as strict as the service checks them.
 */
export function openApiDocument(listener: Listener, prefix = ''): OpenApiDocument {
  const entries = Object.entries(listener.table);
  const rootsOf = new Map<string, Partial<Record<'params' | 'query' | 'body' | 'response', Root>>>();
  const error: Root = { schema: ErrorBody, io: 'output', name: 'Error' };
  const roots: Root[] = [error];
  for (const [name, e] of entries) {
    const mine: Partial<Record<'params' | 'query' | 'body' | 'response', Root>> = {};
    for (const [part, io, suffix] of [
      ['params', 'input', 'Params'],
      ['query', 'input', 'Query'],
      ['body', 'input', 'Request'],
      ['response', 'output', 'Response'],
    ] as const) {
      const schema = e[part];
      if (schema) roots.push((mine[part] = { schema, io, name: nameOf(prefix, name, suffix) }));
    }
    rootsOf.set(name, mine);
  }
  const { refs, schemas } = componentsOf(roots);
  const refOf = (root: Root | undefined) => (root ? refs.get(root) : undefined);
  const paths: OpenApiDocument['paths'] = {};
  for (const [name, e] of entries) {
    const mine = rootsOf.get(name) ?? {};
    const operation = {
      operationId: name,
      ...(e.about ? { description: e.about } : {}),
      ...securityOf(listener, e),
      ...parametersOf(schemas, refOf(mine.params), refOf(mine.query)),
      ...(mine.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: refOf(mine.body) } } } }
        : {}),
      responses: responsesOf(listener, e, refOf(mine.response), refOf(error) ?? {}),
    };
    (paths[openApiPath(e.path)] ??= {})[e.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: listener.title, description: listener.description, version: '1.0.0' },
    paths,
    components: { schemas: prune(schemas, [paths]), securitySchemes: listener.securitySchemes },
  };
}

function securityOf(listener: Listener, e: DocumentedEntry) {
  const security = listener.guards[e.access ?? 'anonymous']?.security ?? [];
  return security.length ? { security } : {};
}

/** Path and query parameters: one per property of the entry's `params` / `query` object. */
function parametersOf(schemas: Record<string, JsonSchema>, params?: JsonSchema, query?: JsonSchema) {
  const parameters = [...parametersIn(schemas, params, 'path'), ...parametersIn(schemas, query, 'query')];
  return parameters.length ? { parameters } : {};
}

function parametersIn(schemas: Record<string, JsonSchema>, ref: JsonSchema | undefined, where: 'path' | 'query') {
  if (!ref) return [];
  const object = schemas[String(ref.$ref).split('/').pop() ?? ''] as
    { properties?: Record<string, JsonSchema>; required?: string[] } | undefined;
  if (!object?.properties) throw new Error(`OpenAPI: ${where} parameters must be an object schema`);
  return Object.entries(object.properties).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema,
  }));
}
