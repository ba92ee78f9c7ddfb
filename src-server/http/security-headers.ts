import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * helmet's headers on every answer: a strict CSP (no inline script or style, nothing from
 * elsewhere), nosniff, frame-ancestors 'none', … and HSTS in production.
 *
 * helmet's middleware is built ONCE here and applied in one onRequest hook, as @fastify/helmet
 * does minus its cost: that plugin calls `helmet(options)` anew for every request (re-validating
 * the options, re-serialising the CSP) in two async hooks, which took a large share of a cheap
 * request (docs/performance.md).
 */
export function installSecurityHeaders(app: FastifyInstance, opts: { hsts: boolean }): void {
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
  app.addHook('onRequest', (request, reply, done) => {
    apply(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
}
