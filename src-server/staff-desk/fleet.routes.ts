import {
  AuditQuery,
  AuditResponse,
  EnrollmentCodeResponse,
  KioskParams,
  KiosksQuery,
  KiosksResponse,
  OfficesResponse,
} from '../../src-shared/staff-api/actions.js';
import { staffApi } from '../../src-shared/staff-api/routes.js';
import { sendError } from '../http/errors.js';
import type { RegisterRoutes } from '../http/register-routes.js';
import { requireStaff } from '../staff/require-staff.js';
import { verifyStepUp } from '../staff/step-up.service.js';
import { readAuditLog } from './audit-log.service.js';
import { actorOf } from './employers.routes.js';
import { issueKioskCode, listKiosks, listOffices, revokeKiosk, setMinimumVersion } from './fleet-view.service.js';

/**
 * IT staff (issue 14): 端末一覧, 失効させる, 登録コードを発行 and 最低バージョン (R-FLEET-1; these three ask
 * for the passkey again), 監査ログ; 端末一覧 read only for office staff (their office, R-FLEET-2); and
 * the offices a staff member may name (both roles).
 */
export const staffFleetRoutes: RegisterRoutes = (app, deps) => {
  const it = requireStaff(deps, 'it');

  app.get(
    staffApi.kiosks.path,
    { preHandler: requireStaff(deps), schema: { querystring: KiosksQuery, response: { 200: KiosksResponse } } },
    async (request) => listKiosks(deps, actorOf(request), request.query),
  );

  app.post(
    staffApi.kioskMinimumVersion.path,
    { preHandler: it, schema: { body: staffApi.kioskMinimumVersion.body } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { version, stepUp } = request.body;
      if (!(await verifyStepUp(deps, actor, stepUp, { action: 'set_kiosk_minimum_version', target: version })))
        return sendError(reply, 'step_up_required');
      await setMinimumVersion(deps, actor, version);
      return reply.code(204).send();
    },
  );

  app.post(
    staffApi.kioskRevoke.path,
    { preHandler: it, schema: { params: KioskParams, body: staffApi.kioskRevoke.body } },
    async (request, reply) => {
      const actor = actorOf(request);
      if (
        !(await verifyStepUp(deps, actor, request.body.stepUp, { action: 'revoke_kiosk', target: request.params.id }))
      )
        return sendError(reply, 'step_up_required');
      const r = await revokeKiosk(deps, actor, request.params.id);
      return r.status === 'not_found' ? sendError(reply, 'not_found') : reply.code(204).send();
    },
  );

  app.post(
    staffApi.enrollmentCodes.path,
    { preHandler: it, schema: { body: staffApi.enrollmentCodes.body, response: { 200: EnrollmentCodeResponse } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { office, label, stepUp } = request.body;
      if (!(await verifyStepUp(deps, actor, stepUp, { action: 'issue_enrollment_code', target: office })))
        return sendError(reply, 'step_up_required');
      const r = await issueKioskCode(deps, actor, { office, label });
      return r.status === 'office_unknown'
        ? sendError(reply, 'office_unknown')
        : { code: r.code, expiresAt: r.expiresAt };
    },
  );

  app.get(
    staffApi.audit.path,
    { preHandler: it, schema: { querystring: AuditQuery, response: { 200: AuditResponse } } },
    async (request) => readAuditLog(deps, request.query),
  );

  app.get(
    staffApi.offices.path,
    { preHandler: requireStaff(deps), schema: { response: { 200: OfficesResponse } } },
    async (request) => ({
      offices: await listOffices(deps, actorOf(request)),
    }),
  );
};
