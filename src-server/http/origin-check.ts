import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie sessions, on top of SameSite=Strict (OWASP CSRF cheat sheet, "verifying
 * origin with standard headers"). A state-changing request that carries cookies must come from one
 * of our own origins. Browsers always send Origin (or at least Sec-Fetch-Site) on such requests;
 * a request with neither is not from a browser, so no cookie was sent on anyone's behalf.
 */
export function originAllowed(input: { origin: string | undefined; secFetchSite: string | undefined; allowed: readonly string[] }): boolean {
  if (input.origin !== undefined) return input.origin !== 'null' && input.allowed.includes(input.origin);
  if (input.secFetchSite !== undefined) return input.secFetchSite === 'same-origin' || input.secFetchSite === 'none';
  return true;
}

export function selfOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function installOriginCheck(app: FastifyInstance, publicOrigin: string | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || !request.headers.cookie) return;
    const allowed = publicOrigin ? [publicOrigin, selfOrigin(request)] : [selfOrigin(request)];
    const header = (name: string) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    if (!originAllowed({ origin: header('origin'), secFetchSite: header('sec-fetch-site'), allowed })) {
      request.log.warn({ origin: header('origin') }, 'cross-origin state change refused');
      return sendError(reply, 403, 'forbidden_origin');
    }
  });
}
