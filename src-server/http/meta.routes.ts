import { MetaResponse } from '../../src-shared/api/schemas.js';
import { api } from '../../src-shared/api/routes.js';
import type { RegisterRoutes } from './register-routes.js';

/** R-LOGIN-5: the screens show which sender address to allow in receive filters. */
export const metaRoutes: RegisterRoutes = (app, deps) => {
  app.get(api.meta.path, { schema: { response: { 200: MetaResponse } } }, async () => ({
    mailFrom: deps.config.mailFrom,
    production: deps.config.production,
  }));
};
