import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * helmet's headers on every answer: a strict CSP (no inline script or style, nothing from
 * elsewhere), nosniff, frame-ancestors 'none', … and HSTS in production.
 *
 * None of them depends on the request, so helmet runs ONCE, at start-up, against a recorder,
 * and each answer gets the recorded headers in one call. @fastify/helmet calls `helmet(options)`
 * anew for every request (re-validating the options, re-serialising the CSP) in two async hooks,
 * and even a prebuilt helmet sets twelve headers one by one per request: both took a large share
 * of a cheap request (docs/performance.md). test/server/http/security-headers.test.ts pins them.
 */
export function installSecurityHeaders(app: FastifyInstance, headers: Record<string, string>): void {
  const apiHeaders = { ...headers, ...NO_STORE };
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? apiHeaders : headers);
    done();
  });
}

/**
 * API answers carry sessions' data and one-time states: no browser, proxy or CDN may keep them,
 * errors included (set before the handler runs, so every answer of the request has it).
 */
export const NO_STORE = { 'cache-control': 'no-store' } as const;

/** The headers every answer gets (helmet's, recorded once); also for answers no hook sees. */
export function securityHeaders(opts: { hsts: boolean }): Record<string, string> {
  const apply = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: opts.hsts,
  });
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  apply({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => void (failure = err));
  if (failure) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
  // helmet answers synchronously; if a version ever does not, start-up fails instead of serving bare.
  if (!headers['content-security-policy']) throw new Error('helmet recorded no Content-Security-Policy');
  return headers;
}
