import type { RegisterRoutes } from './http/register-routes.js';
import { staffDiagnosticsRoutes } from './staff-desk/diagnostics.routes.js';
import { staffEmployerRoutes } from './staff-desk/employers.routes.js';
import { staffFleetRoutes } from './staff-desk/fleet.routes.js';
import { staffAuthRoutes } from './staff/staff-auth.routes.js';

/**
 * The features of the staff listener (STAFF_PORT, issue 14), in order, registered by
 * `buildStaffApp` (staff-app.ts) and never by the employer app. A staff feature adds one line
 * here; its routes take `preHandler: requireStaff(deps, role?)` (src-server/staff/).
 */
export const staffFeatures: RegisterRoutes[] = [
  staffAuthRoutes,
  staffEmployerRoutes,
  staffFleetRoutes,
  staffDiagnosticsRoutes,
];
