import { KioskDiagnosticsResponse, KioskParams } from '../../src-shared/staff-api/actions.js';
import { staffApi } from '../../src-shared/staff-api/routes.js';
import { sendError } from '../http/errors.js';
import type { RegisterRoutes } from '../http/register-routes.js';
import { requireStaff } from '../staff/require-staff.js';
import { verifyStepUp } from '../staff/step-up.service.js';
import { readKioskDiagnostics, requestKioskDiagnostics } from './diagnostics-view.service.js';
import { actorOf } from './employers.routes.js';

/** R-DIAG-1, IT staff: 診断情報を取得 (the passkey again, audited) and 診断情報 of a terminal in 端末一覧. */
export const staffDiagnosticsRoutes: RegisterRoutes = (app, deps) => {
  const it = requireStaff(deps, 'it');

  app.post(
    staffApi.kioskDiagnosticsRequest.path,
    { preHandler: it, schema: { params: KioskParams, body: staffApi.kioskDiagnosticsRequest.body } },
    async (request, reply) => {
      const actor = actorOf(request);
      const target = { action: 'request_diagnostics', target: request.params.id } as const;
      if (!(await verifyStepUp(deps, actor, request.body.stepUp, target))) return sendError(reply, 'step_up_required');
      const r = await requestKioskDiagnostics(deps, actor, request.params.id);
      return r.status === 'not_found' ? sendError(reply, 'not_found') : reply.code(204).send();
    },
  );

  app.get(
    staffApi.kioskDiagnostics.path,
    { preHandler: it, schema: { params: KioskParams, response: { 200: KioskDiagnosticsResponse } } },
    async (request, reply) => {
      const r = await readKioskDiagnostics(deps, request.params.id);
      return r ?? sendError(reply, 'not_found');
    },
  );
};
