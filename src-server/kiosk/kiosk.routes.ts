import type { AppDeps } from '../app-deps.js';
import { sendError } from '../http/errors.js';
import type { ApiHandlers } from '../http/register-routes.js';
import { issueNonce, recordHeartbeat } from './attestation.service.js';
import { diagnosticsRequested, receiveDiagnostics } from './diagnostics.service.js';
import { enrollTerminal } from './enrollment.service.js';
import { versionRefused } from './minimum-version.service.js';

/** POST /kiosk/enroll, /kiosk/nonce, /kiosk/heartbeat (API.md, "Kiosk terminals"), /kiosk/diagnostics (R-DIAG-1). No cookies here. */
export const kioskRoutes = (deps: AppDeps) =>
  ({
    async kioskEnroll(request, reply) {
      const { code, publicKey, machineIdHash, version } = request.body;
      const r = await enrollTerminal(deps, { code, publicKey, machineIdHash, version, ip: request.ip });
      switch (r.status) {
        case 'enrolled':
          return { terminalId: r.terminalId, office: r.office };
        case 'invalid_public_key':
          return sendError(reply, 'invalid_request', { fields: ['publicKey'] });
        case 'enrollment_code_invalid':
          return sendError(reply, 'enrollment_code_invalid');
      }
    },

    async kioskNonce(request, reply) {
      const r = await issueNonce(deps, request.body.terminalId);
      if (!r) return sendError(reply, 'attestation_invalid');
      return { nonce: r.nonce, expiresAt: r.expiresAt.toISOString() };
    },

    async kioskHeartbeat(request, reply) {
      const ok = await recordHeartbeat(deps, { ...request.body, ip: request.ip });
      deps.metrics.kioskHeartbeat(ok);
      if (!ok) return sendError(reply, 'attestation_invalid');
      // R-FLEET-1: recorded (last seen, version: IT sees the terminal), then refused when too old.
      if (await versionRefused(deps, request.body.version)) return sendError(reply, 'kiosk_update_required');
      // R-DIAG-1: IT asked for this terminal's diagnostics: it uploads them next (200), else 204 (`emptyStatus`).
      const asked = await diagnosticsRequested(deps.db, request.body.terminalId, deps.clock.now().getTime());
      return asked ? { diagnosticsRequested: true as const } : reply.code(204).send();
    },

    async kioskDiagnostics(request, reply) {
      const r = await receiveDiagnostics(deps, { ...request.body, ip: request.ip });
      switch (r.status) {
        case 'stored':
          return reply.send();
        case 'attestation_invalid':
          return sendError(reply, 'attestation_invalid');
        case 'not_requested':
          return sendError(reply, 'diagnostics_not_requested');
        case 'too_large':
          return sendError(reply, 'payload_too_large');
        case 'invalid_bundle':
          return sendError(reply, 'invalid_request', { fields: ['bundle'] });
      }
    },
  }) satisfies Partial<ApiHandlers>;
