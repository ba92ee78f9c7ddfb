import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLoopbackHost, type Config } from '../config.js';
import { sendError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie sessions, on top of SameSite=Strict (OWASP CSRF cheat sheet, "verifying
 * origin with standard headers"). A state-changing request that carries cookies must come from
 * our own origin. Browsers send Origin (or at least Sec-Fetch-Site) on such requests; one with
 * neither is refused too: it is not a browser we can vouch for, and nothing legitimate sends
 * cookies that way (the kiosk's service client sends Origin with its cookie).
 */
export function originAllowed(input: {
  origin: string | undefined;
  secFetchSite: string | undefined;
  allowed: (origin: string) => boolean;
}): boolean {
  if (input.origin !== undefined) return input.origin !== 'null' && input.allowed(input.origin);
  if (input.secFetchSite !== undefined) return input.secFetchSite === 'same-origin' || input.secFetchSite === 'none';
  return false;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Our origin, from configuration only (never the Host header, which a client or proxy writes):
 * PUBLIC_ORIGIN when set; else, for plain-http development on loopback, `http://<loopback>:<the
 * port this socket was accepted on>` (PORT may be 0 in tests, so the socket tells the port).
 */
export function ownOrigin(
  config: Pick<Config, 'publicOrigin' | 'host'>,
): (origin: string, request: FastifyRequest) => boolean {
  if (config.publicOrigin) {
    const publicOrigin = config.publicOrigin;
    return (origin) => origin === publicOrigin;
  }
  if (!isLoopbackHost(config.host)) return () => false;
  return (origin, request) => {
    const port = request.socket.localPort;
    return port !== undefined && LOOPBACK_NAMES.some((host) => origin === `http://${host}:${port}`);
  };
}

export function installOriginCheck(app: FastifyInstance, config: Pick<Config, 'publicOrigin' | 'host'>): void {
  const isOwn = ownOrigin(config);
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || !request.headers.cookie) return;
    const header = (name: string) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    if (
      !originAllowed({
        origin: header('origin'),
        secFetchSite: header('sec-fetch-site'),
        allowed: (o) => isOwn(o, request),
      })
    ) {
      request.log.warn({ origin: header('origin') }, 'cross-origin state change refused');
      return sendError(reply, 'forbidden_origin');
    }
  });
}
