import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRole } from '../../src-shared/staff-api/auth.js';
import type { AppDeps } from '../app-deps.js';
import { sendError } from '../http/errors.js';
import { readStaffCookie } from './staff-cookies.js';
import { resumeStaffSession, type StaffActor } from './staff-sessions.service.js';

export type { StaffActor } from './staff-sessions.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireStaff`; null on routes that do not require a staff session. */
    staff: StaffActor | null;
  }
}

/**
 * preHandler for the staff console's signed-in routes: `{ preHandler: requireStaff(deps, 'it') }`.
 * Only the staff cookie counts (never a Bearer token or an employer's cookie): 401
 * `staff_unauthenticated` without a live staff session, 403 `staff_forbidden` for another role;
 * then `request.staff` is set.
 */
export function requireStaff(deps: Pick<AppDeps, 'db' | 'clock'>, role?: StaffRole) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const token = readStaffCookie(request);
    const actor = token ? await resumeStaffSession(deps.db, deps.clock, token) : null;
    if (!actor) return sendError(reply, 'staff_unauthenticated');
    if (role && actor.role !== role) return sendError(reply, 'staff_forbidden');
    request.staff = actor;
  };
}
