import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.1 document the checks read. */
export type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};
export type Operation = {
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; schema: unknown }[];
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, { content?: { 'application/json': { schema: unknown } } }>;
};

/** An Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect) that knows the document's components. */
export function documentAjv(doc: OpenApi): { compile(schema: unknown): ValidateFunction } {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'components.json', $defs: relink(doc.components.schemas) });
  let n = 0;
  return { compile: (schema) => ajv.compile({ $id: `schema-${++n}.json`, ...(relink(schema) as object) }) };
}

/** `#/components/schemas/X` → `components.json#/$defs/X`, so a schema compiles on its own. */
function relink(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"components.json#/$defs/'));
}

/** The documented operation a request names, with its path parameters; undefined for paths the document lacks. */
export function operationFor(doc: OpenApi, method: string, url: string): Operation | undefined {
  const path = url.split('?')[0] ?? '';
  for (const [template, operations] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`);
    if (pattern.test(path)) return operations[method.toLowerCase()];
  }
  return undefined;
}

/**
 * Checks answers against a document: the status must be one the operation documents, and the
 * body what that status documents (JSON that validates, or nothing when it documents none).
 * Requests to paths or methods the document does not list are not its business (undefined).
 */
export function answerChecker(doc: OpenApi) {
  const ajv = documentAjv(doc);
  const compiled = new Map<unknown, ValidateFunction>();
  const validatorOf = (schema: unknown) => {
    let v = compiled.get(schema);
    if (!v) compiled.set(schema, (v = ajv.compile(schema)));
    return v;
  };
  return (answer: { method: string; url: string; status: number; body: string }): string | undefined => {
    const operation = operationFor(doc, answer.method, answer.url);
    if (!operation) return undefined;
    const where = `${answer.method} ${answer.url.split('?')[0]} → ${answer.status}`;
    const documented = operation.responses[String(answer.status)];
    if (!documented) return `${where}: status not documented (${answer.body.slice(0, 200)})`;
    const schema = documented.content?.['application/json'].schema;
    if (!schema) return answer.body === '' ? undefined : `${where}: a body where none is documented`;
    let json: unknown;
    try {
      json = JSON.parse(answer.body);
    } catch {
      return `${where}: not JSON (${answer.body.slice(0, 200)})`;
    }
    const validate = validatorOf(schema);
    return validate(json) ? undefined : `${where}: ${ajvErrors(validate)} in ${answer.body.slice(0, 300)}`;
  };
}

export const ajvErrors = (v: ValidateFunction) =>
  (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');

/**
 * Watches every answer a listening server sends (what a client on the wire receives; not
 * `app.inject`) and keeps those its document does not allow. The test harness puts one on each
 * listener, so every service test also checks the OpenAPI documents against the real answers.
 */
export function watchAnswers(server: Server, doc: OpenApi): { violations: string[] } {
  const check = answerChecker(doc);
  const violations: string[] = [];
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    if (method === 'HEAD' || !operationFor(doc, method, url)) return;
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (typeof chunk === 'string')
        chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (typeof chunk !== 'function') keep(chunk, rest[0]);
      const problem = check({ method, url, status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') });
      if (problem) violations.push(problem);
      return end(chunk, ...rest);
    }) as ServerResponse['end'];
  });
  return { violations };
}
