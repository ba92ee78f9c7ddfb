import type { AppDeps } from '../app-deps.js';
import { sendError } from '../http/errors.js';
import type { StaffHandlers } from '../http/register-routes.js';
import { readKioskDiagnostics, requestKioskDiagnostics } from './diagnostics-view.service.js';
import { actorOf } from './employers.routes.js';

/**
 * R-DIAG-1, IT staff: 診断情報を取得 (the passkey again: the entry's `stepUp`, audited) and 診断情報
 * of a terminal in 端末一覧.
 */
export const staffDiagnosticsRoutes = (deps: AppDeps) =>
  ({
    async kioskDiagnosticsRequest(request, reply) {
      const r = await requestKioskDiagnostics(deps, actorOf(request), request.params.id);
      return r.status === 'not_found' ? sendError(reply, 'not_found') : reply.send();
    },

    async kioskDiagnostics(request, reply) {
      const r = await readKioskDiagnostics(deps, request.params.id);
      return r ?? sendError(reply, 'not_found');
    },
  }) satisfies Partial<StaffHandlers>;
