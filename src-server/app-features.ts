import { homeRoutes } from './home/home.routes.js';
import { loginRoutes } from './login/login.routes.js';
import { sessionRoutes } from './auth/session.routes.js';
import { metaRoutes } from './http/meta.routes.js';
import { recoveryRoutes } from './recovery/recovery.routes.js';
import { settingsRoutes } from './settings/settings.routes.js';
import { kioskRoutes } from './kiosk/kiosk.routes.js';
import type { RegisterRoutes } from './http/register-routes.js';

/**
 * The features of the employer listener (app.ts), in order. A new feature adds one line here (and
 * nothing in app.ts): its routes file exports a `RegisterRoutes` function.
 */
export const features: RegisterRoutes[] = [
  metaRoutes,
  loginRoutes,
  sessionRoutes,
  homeRoutes,
  recoveryRoutes,
  settingsRoutes,
  kioskRoutes,
];
