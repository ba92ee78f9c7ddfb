import type { FastifyRequest } from 'fastify';
import {
  EmployerHistoryResponse,
  EmployerParams,
  EmployerSearchQuery,
  EmployerSearchResponse,
  ReinstateResponse,
  RevealIdResponse,
} from '../../src-shared/staff-api/actions.js';
import { staffApi } from '../../src-shared/staff-api/routes.js';
import { sendError } from '../http/errors.js';
import type { RegisterRoutes } from '../http/register-routes.js';
import { requireStaff, type StaffActor } from '../staff/require-staff.js';
import { verifyStepUp } from '../staff/step-up.service.js';
import { searchOfficeEmployers } from './employer-search.service.js';
import { employerHistory, revealLoginId, unlockEmployer } from './employers.service.js';
import { reinstateEmployer } from './reinstate.service.js';

/** The staff member `requireStaff` found (it answers 401/403 before the handler otherwise). */
export function actorOf(request: FastifyRequest): StaffActor {
  if (!request.staff) throw new Error('requireStaff did not run');
  return request.staff;
}

/**
 * The office counter (issue 14): 求人者検索, IDを表示, ロック解除, 利用再開, 操作履歴. Office staff
 * only; another office's employer answers 404 `not_found` like none at all. Revealing and
 * reinstating ask for the passkey again (`stepUp`, single use): 403 `step_up_required` otherwise.
 */
export const staffEmployerRoutes: RegisterRoutes = (app, deps) => {
  const preHandler = requireStaff(deps, 'office');

  app.get(
    staffApi.employerSearch.path,
    { preHandler, schema: { querystring: EmployerSearchQuery, response: { 200: EmployerSearchResponse } } },
    async (request, reply) => {
      const r = await searchOfficeEmployers(deps, actorOf(request), request.query);
      return r.status === 'ok'
        ? { employers: r.employers, nextAfter: r.nextAfter }
        : sendError(reply, 'invalid_request', { fields: ['after'] });
    },
  );

  app.post(
    staffApi.employerRevealId.path,
    {
      preHandler,
      schema: { params: EmployerParams, body: staffApi.employerRevealId.body, response: { 200: RevealIdResponse } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { documentKind, note, stepUp } = request.body;
      if (!(await verifyStepUp(deps, actor, stepUp, { action: 'reveal_id', target: request.params.ref })))
        return sendError(reply, 'step_up_required');
      const r = await revealLoginId(deps, actor, request.params.ref, { documentKind, note });
      return r.status === 'revealed' ? { loginId: r.loginId } : sendError(reply, 'not_found');
    },
  );

  app.post(staffApi.employerUnlock.path, { preHandler, schema: { params: EmployerParams } }, async (request, reply) => {
    const r = await unlockEmployer(deps, actorOf(request), request.params.ref);
    return r.status === 'unlocked' ? reply.code(204).send() : sendError(reply, 'not_found');
  });

  app.post(
    staffApi.employerReinstate.path,
    {
      preHandler,
      schema: {
        params: EmployerParams,
        body: staffApi.employerReinstate.body,
        response: { 200: ReinstateResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!(await verifyStepUp(deps, actor, request.body.stepUp, { action: 'reinstate', target: request.params.ref })))
        return sendError(reply, 'step_up_required');
      const r = await reinstateEmployer(deps, actor, request.params.ref);
      switch (r.status) {
        case 'reinstated':
          return { mailed: r.mailed };
        case 'not_found':
          return sendError(reply, 'not_found');
        case 'not_reinstatable':
          return sendError(reply, 'not_reinstatable');
      }
    },
  );

  app.get(
    staffApi.employerHistory.path,
    { preHandler, schema: { params: EmployerParams, response: { 200: EmployerHistoryResponse } } },
    async (request, reply) => {
      const r = await employerHistory(deps, actorOf(request), request.params.ref);
      return r.status === 'ok' ? { events: r.events } : sendError(reply, 'not_found');
    },
  );
};
