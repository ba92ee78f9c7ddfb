import type { FastifyReply } from 'fastify';
import { api } from '../../src-shared/api/routes.js';
import { DeviceParams, DevicesResponse } from '../../src-shared/api/schemas.js';
import type { Feature } from '../app-features.js';
import { recordAudit } from '../audit/audit.repository.js';
import { clearCookie, readCookie } from '../auth/cookies.js';
import { requireSession } from '../auth/session.hook.js';
import type { AuthSession } from '../auth/sessions.service.js';
import { sha256 } from '../crypto/tokens.js';
import { listDeviceTrusts, revokeDeviceTrust } from '../device-trust/device-trust.repository.js';
import { sendError } from '../http/errors.js';
import { changePassword, confirmEmailChange, requestEmailChange, withdraw, type Caller } from './settings.service.js';

type Refused = { status: 'invalid_credentials' | 'unauthenticated' | 'password_mismatch' } | { status: 'locked'; retryAfterSeconds: number } | { status: 'password_policy'; violations: string[] };

/** The one place that turns a refusal of the settings services into an HTTP answer. */
function refuse(reply: FastifyReply, r: Refused): FastifyReply {
  switch (r.status) {
    case 'invalid_credentials':
      return sendError(reply, 401, 'invalid_credentials');
    case 'unauthenticated':
      return sendError(reply, 401, 'unauthenticated');
    case 'password_mismatch':
      return sendError(reply, 400, 'password_mismatch');
    case 'password_policy':
      return sendError(reply, 400, 'password_policy', { violations: r.violations });
    case 'locked':
      return sendError(reply.header('retry-after', String(r.retryAfterSeconds)), 423, 'locked', { retryAfterSeconds: r.retryAfterSeconds });
  }
}

/** Settings (API.md, "Settings (signed in)"): devices (R-OTP-5), password, ID, withdrawal. */
export const settingsRoutes: Feature = (app, deps) => {
  const preHandler = requireSession(deps);
  const caller = (session: AuthSession | null, ip: string): Caller => {
    if (!session) throw new Error('requireSession did not run'); // cannot happen: preHandler answers 401 first
    return { accountId: session.accountId, sessionId: session.id, ip };
  };

  app.get(api.devices.path, { preHandler, schema: { response: { 200: DevicesResponse } } }, async (request) => {
    const { accountId } = caller(request.session, request.ip);
    const cookie = readCookie(request, 'device');
    const mine = cookie ? sha256(cookie) : undefined;
    const rows = await listDeviceTrusts(deps.db, accountId, deps.clock.now().getTime());
    return {
      devices: rows.map((r) => ({
        id: r.id,
        label: r.label,
        createdAt: new Date(r.created_at).toISOString(),
        expiresAt: new Date(r.expires_at).toISOString(),
        current: r.token_hash === mine,
      })),
    };
  });

  // R-OTP-5. Another account's device id answers exactly like an unknown one (404, no effect):
  // ids are random, and the answer tells nothing about other accounts.
  app.delete(api.deviceRevoke.path, { preHandler, schema: { params: DeviceParams } }, async (request, reply) => {
    const c = caller(request.session, request.ip);
    const done = await deps.db.transaction().execute(async (trx) => {
      const revoked = await revokeDeviceTrust(trx, c.accountId, request.params.id, deps.clock.now().getTime());
      if (revoked) await recordAudit(trx, deps.clock, { type: 'device_trust.revoked', accountId: c.accountId, ip: c.ip });
      return revoked;
    });
    return done ? reply.code(204).send() : sendError(reply, 404, 'not_found');
  });

  app.post(api.passwordChange.path, { preHandler, schema: { body: api.passwordChange.body } }, async (request, reply) => {
    const r = await changePassword(deps, caller(request.session, request.ip), request.body);
    return r.status === 'done' ? reply.code(204).send() : refuse(reply, r);
  });

  app.post(api.emailChange.path, { preHandler, schema: { body: api.emailChange.body } }, async (request, reply) => {
    const r = await requestEmailChange(deps, caller(request.session, request.ip), { newLoginId: request.body.newId, password: request.body.password });
    return r.status === 'mailed' ? reply.code(202).send() : refuse(reply, r);
  });

  app.post(api.emailConfirm.path, { preHandler, schema: { body: api.emailConfirm.body } }, async (request, reply) => {
    const r = await confirmEmailChange(deps, caller(request.session, request.ip), request.body);
    if (r.status === 'done') return reply.code(204).send();
    return r.status === 'key_invalid' ? sendError(reply, 401, 'key_invalid') : refuse(reply, r);
  });

  app.post(api.withdraw.path, { preHandler, schema: { body: api.withdraw.body } }, async (request, reply) => {
    const session = request.session;
    const r = await withdraw(deps, caller(session, request.ip), request.body);
    if (r.status !== 'done') return refuse(reply, r);
    if (session?.kind === 'web') clearCookie(request, reply, 'session');
    return reply.code(204).send();
  });
};
