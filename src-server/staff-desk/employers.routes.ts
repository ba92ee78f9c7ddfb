import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { sendError } from '../http/errors.js';
import type { StaffHandlers } from '../http/register-routes.js';
import type { StaffActor } from '../staff/require-staff.js';
import { searchOfficeEmployers } from './employer-search.service.js';
import { employerHistory, employerInScope, revealLoginId, summarize, unlockEmployer } from './employers.service.js';
import { reinstateEmployer } from './reinstate.service.js';

/** The staff member `requireStaff` found (it answers 401/403 before the handler otherwise). */
export function actorOf(request: FastifyRequest): StaffActor {
  if (!request.staff) throw new Error('requireStaff did not run');
  return request.staff;
}

/**
 * The office counter (issue 14): 求人者検索, one employer, IDを表示, ロック解除, 利用再開, 操作履歴. Office staff
 * only (the entries' `role`); another office's employer answers 404 `not_found` like none at all.
 * Revealing and reinstating ask for the passkey again (the entries' `stepUp`, checked by the guard).
 */
export const staffEmployerRoutes = (deps: AppDeps) =>
  ({
    async employerSearch(request, reply) {
      const r = await searchOfficeEmployers(deps, actorOf(request), request.query);
      return r.status === 'ok'
        ? { employers: r.employers, nextAfter: r.nextAfter }
        : sendError(reply, 'invalid_request', { fields: ['after'] });
    },

    async employer(request, reply) {
      const row = await employerInScope(deps, actorOf(request), request.params.ref);
      return row ? summarize(row, deps.clock.now().getTime()) : sendError(reply, 'not_found');
    },

    async employerRevealId(request, reply) {
      const { documentKind, note } = request.body;
      const r = await revealLoginId(deps, actorOf(request), request.params.ref, { documentKind, note });
      return r.status === 'revealed' ? { loginId: r.loginId } : sendError(reply, 'not_found');
    },

    async employerUnlock(request, reply) {
      const r = await unlockEmployer(deps, actorOf(request), request.params.ref);
      return r.status === 'unlocked' ? reply.send() : sendError(reply, 'not_found');
    },

    async employerReinstate(request, reply) {
      const r = await reinstateEmployer(deps, actorOf(request), request.params.ref);
      switch (r.status) {
        case 'reinstated':
          return { mailed: r.mailed };
        case 'not_found':
          return sendError(reply, 'not_found');
        case 'not_reinstatable':
          return sendError(reply, 'not_reinstatable');
      }
    },

    async employerHistory(request, reply) {
      const r = await employerHistory(deps, actorOf(request), request.params.ref);
      return r.status === 'ok' ? { events: r.events } : sendError(reply, 'not_found');
    },
  }) satisfies Partial<StaffHandlers>;
