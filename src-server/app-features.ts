import type { preHandlerAsyncHookHandler } from 'fastify';
import type { api } from '../src-shared/api/routes.js';
import type { AppDeps } from './app-deps.js';
import { requireSession } from './auth/session.hook.js';
import { sessionRoutes } from './auth/session.routes.js';
import { homeRoutes } from './home/home.routes.js';
import { metaRoutes } from './http/meta.routes.js';
import type { ApiHandlers } from './http/register-routes.js';
import { kioskRoutes } from './kiosk/kiosk.routes.js';
import { loginRoutes } from './login/login.routes.js';
import { recoveryRoutes } from './recovery/recovery.routes.js';
import { settingsRoutes } from './settings/settings.routes.js';

/**
 * The handlers of the employer listener (app.ts), one per entry of src-shared/endpoints.ts, from
 * the features' routes files. A new endpoint adds its entry and its handler in its routes file; a
 * new feature adds one line here (and nothing in app.ts). Missing or extra handlers do not compile.
 */
export function employerHandlers(deps: AppDeps): ApiHandlers {
  return {
    ...metaRoutes(deps),
    ...loginRoutes(deps),
    ...sessionRoutes(deps),
    ...homeRoutes(deps),
    ...recoveryRoutes(deps),
    ...settingsRoutes(deps),
    ...kioskRoutes(deps),
  };
}

/**
 * The guards of an entry, chosen here only: `session` → 401 `unauthenticated` without a live
 * session (`request.session`); `peek` reads it without using it.
 */
export function employerGuards(deps: AppDeps) {
  return (entry: (typeof api)[keyof typeof api]): preHandlerAsyncHookHandler[] =>
    entry.access === 'session' ? [requireSession(deps, { use: !('peek' in entry && entry.peek) })] : [];
}
