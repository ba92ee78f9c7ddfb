import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { endpoints } from '../../src-shared/endpoints.js';

/** An addition's `about` (src-shared/endpoints.ts), by method and path. */
const abouts = new Map<string, string>(
  Object.values(endpoints).flatMap((e) => ('about' in e ? [[`${e.method} ${e.path}`, e.about]] : [])),
);

/** The contract as OpenAPI, generated from the zod schemas of src-shared (API.md), with the table's descriptions. */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Hello Work employer My Page', description: 'See docs/spec/API.md', version: '1.0.0' },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const methods = [input.route.method].flat();
      const about = methods.map((m) => abouts.get(`${m} ${input.url}`)).find(Boolean);
      return about ? { ...out, schema: { ...out.schema, description: about } } : out;
    },
    transformObject: jsonSchemaTransformObject,
  });
}

export function openApiRoute(app: FastifyInstance): void {
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
