import type { AppDeps } from '../app-deps.js';
import { sendError } from '../http/errors.js';
import type { StaffHandlers } from '../http/register-routes.js';
import { readAuditLog } from './audit-log.service.js';
import { actorOf } from './employers.routes.js';
import { issueKioskCode, listKiosks, listOffices, revokeKiosk, setMinimumVersion } from './fleet-view.service.js';

/**
 * IT staff (issue 14): 端末一覧, 失効させる, 登録コードを発行 and 最低バージョン (R-FLEET-1; these three ask
 * for the passkey again: their entries' `stepUp`), 監査ログ; 端末一覧 read only for office staff
 * (their office, R-FLEET-2); and the offices a staff member may name (both roles).
 */
export const staffFleetRoutes = (deps: AppDeps) =>
  ({
    async kiosks(request) {
      return listKiosks(deps, actorOf(request), request.query);
    },

    async kioskMinimumVersion(request, reply) {
      await setMinimumVersion(deps, actorOf(request), request.body.version);
      return reply.send();
    },

    async kioskRevoke(request, reply) {
      const r = await revokeKiosk(deps, actorOf(request), request.params.id);
      return r.status === 'not_found' ? sendError(reply, 'not_found') : reply.send();
    },

    async enrollmentCodes(request, reply) {
      const { office, label } = request.body;
      const r = await issueKioskCode(deps, actorOf(request), { office, label });
      return r.status === 'office_unknown'
        ? sendError(reply, 'office_unknown')
        : { code: r.code, expiresAt: r.expiresAt };
    },

    async audit(request) {
      return readAuditLog(deps, request.query);
    },

    async offices(request) {
      return { offices: await listOffices(deps, actorOf(request)) };
    },
  }) satisfies Partial<StaffHandlers>;
