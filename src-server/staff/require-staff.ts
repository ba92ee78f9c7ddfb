import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { StaffRole } from '../../src-shared/staff-api/auth.js';
import type { StaffEndpoint } from '../../src-shared/staff-api/endpoints.js';
import type { AppDeps } from '../app-deps.js';
import type { Config } from '../config.js';
import { sendError } from '../http/errors.js';
import { readStaffCookie } from './staff-cookies.js';
import { resumeStaffSession, type StaffActor } from './staff-sessions.service.js';
import { verifyStepUp } from './step-up.service.js';

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

/**
 * The guards of a staff entry (staff-features.ts): none for `anonymous`; else `requireStaff` with
 * its `role`, then, with `stepUp`, the passkey again: the body's `stepUp` must answer a challenge
 * for the entry's action on the target it names (`params.ref`, `body.office`, …), else 403
 * `step_up_required` before the handler looks anything up.
 */
export function requireStaffFor(
  deps: Pick<AppDeps, 'db' | 'clock'> & { config: Pick<Config, 'staffPublicOrigin'> },
  entry: Pick<StaffEndpoint, 'access' | 'role' | 'stepUp'>,
): preHandlerAsyncHookHandler[] {
  if (entry.access !== 'staff') return [];
  const staff = requireStaff(deps, entry.role);
  const stepUp = entry.stepUp;
  if (!stepUp) return [staff];
  const [part, field] = stepUp.target.split('.') as ['params' | 'body', string];
  const verify = async (request: FastifyRequest, reply: FastifyReply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const target = String((part === 'params' ? (request.params as Record<string, unknown>) : body)[field]);
    const actor = request.staff;
    if (!actor || !(await verifyStepUp(deps, actor, body.stepUp, { action: stepUp.action, target })))
      return sendError(reply, 'step_up_required');
  };
  return [staff, verify];
}
