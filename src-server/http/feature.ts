import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';

/** The app as features see it: request and response types come from the zod schemas. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * A feature registers its routes on the app it is given. Its own file (not app-features.ts, which
 * lists the features) so that a routes file and the list do not import each other.
 */
export type Feature = (app: ZodApp, deps: AppDeps) => Promise<void> | void;
