import type { AppDeps } from './app-deps.js';
import type { StaffHandlers } from './http/register-routes.js';
import { staffDiagnosticsRoutes } from './staff-desk/diagnostics.routes.js';
import { staffEmployerRoutes } from './staff-desk/employers.routes.js';
import { staffFleetRoutes } from './staff-desk/fleet.routes.js';
import { staffAuthRoutes } from './staff/staff-auth.routes.js';
import { requireStaffFor } from './staff/require-staff.js';

/**
 * The handlers of the staff listener (STAFF_PORT, issue 14), one per entry of
 * src-shared/staff-api/endpoints.ts, registered by `buildStaffApp` (staff-app.ts) and never by the
 * employer app. A staff feature adds one line here; a missing or extra handler does not compile.
 */
export function staffHandlers(deps: AppDeps): StaffHandlers {
  return {
    ...staffAuthRoutes(deps),
    ...staffEmployerRoutes(deps),
    ...staffFleetRoutes(deps),
    ...staffDiagnosticsRoutes(deps),
  };
}

/** The guards of a staff entry, chosen here only: its access, role and step-up (`requireStaffFor`). */
export const staffGuards = (deps: AppDeps) => (entry: Parameters<typeof requireStaffFor>[1]) =>
  requireStaffFor(deps, entry);
