import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler, RouteOptions } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../config.js';
import { publicEndpointLimit } from './rate-limit.js';

/** What registerTable reads of an entry (a built entry of src-shared/endpoints.ts or staff-api/endpoints.ts). */
type TableEntry = {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  status: number;
  rateLimit?: 'perIp';
  bodyLimit?: number;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
};

type Parsed<E, F extends string> = E extends Record<F, infer S extends z.ZodType> ? z.output<S> : unknown;

/** The request of an entry's handler: its body, path parameters and query as its schemas parsed them. */
export type RequestOf<E> = FastifyRequest<{
  Body: Parsed<E, 'body'>;
  Params: Parsed<E, 'params'>;
  Querystring: Parsed<E, 'query'>;
}>;

/**
 * An entry's handler: the request typed by its schemas; it returns the success body (its response
 * schema's input, answered at the entry's status) or the reply it sent (`sendError`, a 204).
 */
export type HandlerOf<E> = (
  request: RequestOf<E>,
  reply: FastifyReply,
) => Promise<(E extends Record<'response', infer S extends z.ZodType> ? z.input<S> : never) | FastifyReply>;

/** Every entry's handler, keyed by the entry's name: what a listener's route files make together. */
export type Handlers<T> = { [K in keyof T]: HandlerOf<T[K]> };

/** The guards (preHandlers) a listener gives an entry (its access, role, step-up; app-features.ts, staff-features.ts). */
export type GuardsOf<E> = (entry: E) => preHandlerAsyncHookHandler[];

/**
 * Registers every entry of an endpoint table with its handler: method, path, success status,
 * params/query/body/response schemas, the per-IP limit (`rateLimit: 'perIp'` → RATE_LIMIT_PER_MINUTE),
 * its `bodyLimit`, and the guards `guardsOf` chooses. Nothing of an entry is restated in a route file.
 */
export function registerTable<T extends Record<string, TableEntry>>(
  app: FastifyInstance,
  config: Pick<Config, 'rateLimitPerMinute'>,
  table: T,
  handlers: Handlers<T>,
  guardsOf: GuardsOf<T[keyof T]>,
): void {
  for (const [name, entry] of Object.entries(table) as [keyof T, T[keyof T]][]) {
    const handle = handlers[name] as unknown as (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
    const guards = guardsOf(entry);
    const route: RouteOptions = {
      method: entry.method,
      url: entry.path,
      schema: {
        ...(entry.params ? { params: entry.params } : {}),
        ...(entry.query ? { querystring: entry.query } : {}),
        ...(entry.body ? { body: entry.body } : {}),
        ...(entry.response ? { response: { [entry.status]: entry.response } } : {}),
      },
      ...(entry.rateLimit === 'perIp' ? { config: publicEndpointLimit(config) } : {}),
      ...(entry.bodyLimit ? { bodyLimit: entry.bodyLimit } : {}),
      ...(guards.length ? { preHandler: guards } : {}),
      handler: async (request, reply) => handle(request, reply.code(entry.status)),
    };
    app.route(route);
  }
}
