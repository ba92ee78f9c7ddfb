import { z } from 'zod';
import { endpoints, type Endpoints, type SchemaKit } from '../endpoints.js';
import * as s from './schemas.js';

/** An endpoint of the table with its schemas built: `body` and `response` are zod schemas. */
type Built<E> = Omit<E, 'body' | 'response'> &
  (E extends { body: (kit: SchemaKit) => infer B } ? { body: B } : unknown) &
  (E extends { response: (kit: SchemaKit) => infer R } ? { response: R } : unknown);

const kit: SchemaKit = { z, s };

/**
 * The table of the v1 endpoints (src-shared/endpoints.ts, written once and without zod) with
 * their schemas built. The service registers its routes from it (`api.x.path`, `api.x.body`) and
 * main's client calls through it.
 */
export const api = Object.fromEntries(
  Object.entries(endpoints).map(([name, e]) => {
    const { body, response, ...rest } = e as {
      body?: (k: SchemaKit) => z.ZodType;
      response?: (k: SchemaKit) => z.ZodType;
    };
    return [name, { ...rest, ...(body ? { body: body(kit) } : {}), ...(response ? { response: response(kit) } : {}) }];
  }),
) as { [K in keyof Endpoints]: Built<Endpoints[K]> };

export type ApiName = keyof typeof api;
