import type { z } from 'zod';
import type { ErrorCode } from './api/errors.js';

/**
 * What the two endpoint tables have in common (endpoints.ts: the employer listener's;
 * staff-api/endpoints.ts: the staff listener's), and how their schemas are built. No zod at run
 * time: the screens' bundles import the tables, so a schema is a recipe `(kit) => schema` that
 * runs where zod is loaded (api/routes.ts, staff-api/routes.ts) with that table's kit.
 */
export type Recipe<Kit> = (kit: Kit) => z.ZodType;

/** The fields of an entry that are schema recipes. */
export const recipeFields = ['params', 'query', 'body', 'response'] as const;
export type RecipeField = (typeof recipeFields)[number];

export type EndpointEntry<Kit, Access extends string> = {
  method: 'GET' | 'POST' | 'DELETE';
  /** Fastify's form: `:name` parts are path parameters (`params`). */
  path: string;
  /** The success status. */
  status: number;
  /**
   * A second success: the same outcome with nothing to say, answered 204 without a body (the
   * kiosk's heartbeat: 200 with `diagnosticsRequested` when IT asked for them, 204 otherwise).
   */
  emptyStatus?: 204;
  /** Who may call it; each listener turns this into its guard (a session, a staff session). */
  access: Access;
  /** `perIp`: the per-IP limit of the endpoints anyone can call (RATE_LIMIT_PER_MINUTE). */
  rateLimit?: 'perIp';
  /** The bytes its request body may have, where the listener's 16 KiB is too few (413 beyond). */
  bodyLimit?: number;
  /** Endpoints beyond API.md: what they answer and why (the OpenAPI document's description). */
  about?: string;
  /**
   * The error codes of the endpoint's own outcomes (each answered at its status: api/errors.ts).
   * Those that follow from how it is served are not listed: its guard's (`access`, `role`,
   * `stepUp`), 429 of `rateLimit`, 400 of its schemas and body, 403 of the Origin check, 500 and
   * 503 (the OpenAPI documents add them). `invalid_request` here: a 400 even for a request its
   * schemas allow (what they cannot express).
   */
  errors?: readonly ErrorCode[];
  /** Path parameters, query string, JSON body, success body. */
  params?: Recipe<Kit>;
  query?: Recipe<Kit>;
  body?: Recipe<Kit>;
  response?: Recipe<Kit>;
};

/** An entry with its recipes run: `params`, `query`, `body` and `response` are zod schemas. */
export type Built<E, Kit> = Omit<E, RecipeField> & {
  [F in RecipeField as E extends Record<F, Recipe<Kit>> ? F : never]: E extends Record<F, (kit: Kit) => infer S>
    ? S
    : never;
};

/** The schema of one field of an entry (never when the entry has none). */
export type SchemaOf<E, F extends RecipeField> =
  E extends Record<F, (kit: never) => infer S extends z.ZodType> ? S : never;

/**
 * What a caller sends to an entry (`params`, `query`, `body` as their schemas accept them) and
 * what a success carries (the response schema's output; `void` without one): the clients' types.
 */
export type InputOf<E> = {
  [F in 'params' | 'query' | 'body' as [SchemaOf<E, F>] extends [never] ? never : F]: z.input<SchemaOf<E, F>>;
};
export type OutputOf<E> = [SchemaOf<E, 'response'>] extends [never] ? void : z.output<SchemaOf<E, 'response'>>;

/** The table with every entry's recipes run with `kit` (zod and the schemas they name). */
export function buildTable<T extends Record<string, object>, Kit>(
  table: T,
  kit: Kit,
): { [K in keyof T]: Built<T[K], Kit> } {
  return Object.fromEntries(
    Object.entries(table).map(([name, entry]) => {
      const built: Record<string, unknown> = { ...entry };
      for (const field of recipeFields) {
        const recipe = (entry as Partial<Record<RecipeField, Recipe<Kit>>>)[field];
        if (recipe) built[field] = recipe(kit);
      }
      return [name, built];
    }),
  ) as { [K in keyof T]: Built<T[K], Kit> };
}
