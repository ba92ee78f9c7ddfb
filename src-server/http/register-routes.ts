import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { api } from '../../src-shared/api/routes.js';
import type { staffApi } from '../../src-shared/staff-api/routes.js';
import type { AppDeps } from '../app-deps.js';
import type { Handlers } from './table-routes.js';

/** The app as features see it: request and response types come from the zod schemas. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A route outside the endpoint tables (`/dev/mailbox`): it registers itself on the listener it is given. */
export type RegisterRoutes = (app: ZodApp, deps: AppDeps) => Promise<void> | void;

/**
 * Every handler of the employer listener's table (src-shared/endpoints.ts), keyed by entry. A
 * routes file exports `xRoutes = (deps) => ({ async entryName(request, reply) { … } }) satisfies
 * Partial<ApiHandlers>`: only handlers; registerTable (table-routes.ts) adds what the entry says.
 * Its own file (not app-features.ts) so that a routes file and the list do not import each other.
 */
export type ApiHandlers = Handlers<typeof api>;

/** Every handler of the staff listener's table (src-shared/staff-api/endpoints.ts), keyed by entry. */
export type StaffHandlers = Handlers<typeof staffApi>;
