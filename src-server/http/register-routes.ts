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
 * What a feature's routes file exports (`loginRoutes`, `staffFleetRoutes`, …): it registers that
 * feature's routes on the listener it is given, with the deps they use. Its own file (not
 * app-features.ts or staff-features.ts, which list them) so that a routes file and a list do not
 * import each other.
 */
export type RegisterRoutes = (app: ZodApp, deps: AppDeps) => Promise<void> | void;
