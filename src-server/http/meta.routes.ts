import type { AppDeps } from '../app-deps.js';
import type { ApiHandlers } from './register-routes.js';

/** R-LOGIN-5: the screens show which sender address to allow in receive filters. */
export const metaRoutes = (deps: Pick<AppDeps, 'config'>) =>
  ({
    async meta() {
      return { mailFrom: deps.config.mailFrom, production: deps.config.production };
    },
  }) satisfies Partial<ApiHandlers>;
