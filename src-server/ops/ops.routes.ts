import type { FastifyInstance, FastifyRequest } from 'fastify';
import { safeEqual } from '../crypto/tokens.js';
import type { Metrics } from './metrics.js';
import { publicReadiness, type Readiness } from './readiness.js';

export const OPS_PATHS = { health: '/healthz', ready: '/readyz', metrics: '/metrics' } as const;

/**
 * GET /healthz (the process answers), /readyz (it should get traffic), /metrics (Prometheus).
 * /readyz tells anyone ready or not and the codes of its checks; the reasons' text (a driver's
 * error may name the database or a host) only with the metrics bearer.
 * Outside /api: load balancers and scrapers call them, not the screens. None is rate limited.
 * /metrics says how the service is used, so on the public origin it answers only with
 * `Authorization: Bearer $METRICS_TOKEN`; without METRICS_TOKEN (or with a wrong one) it is 404,
 * as if it did not exist.
 */
export function installOpsRoutes(
  app: FastifyInstance,
  o: { readiness: Readiness; metrics: Metrics; metricsToken: string | undefined },
): void {
  const hide = { schema: { hide: true } };
  app.get(OPS_PATHS.health, hide, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );

  app.get(OPS_PATHS.ready, hide, async (request, reply) => {
    const report = await o.readiness.evaluate();
    return reply
      .code(report.status === 'not_ready' ? 503 : 200)
      .header('cache-control', 'no-store')
      .send(bearerMatches(request, o.metricsToken) ? report : publicReadiness(report));
  });

  app.get(OPS_PATHS.metrics, hide, async (request, reply) => {
    if (!bearerMatches(request, o.metricsToken)) return reply.callNotFound();
    const text = await o.metrics.registry.metrics();
    return reply.header('cache-control', 'no-store').type(o.metrics.registry.contentType).send(text);
  });
}

/**
 * While draining, every answer closes its connection: a kept-alive socket would otherwise stay
 * open (idle) until the keep-alive deadline and hold the shutdown up to the forced exit.
 */
export function installDrainingClose(app: FastifyInstance, readiness: Readiness): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (readiness.isDraining()) reply.header('connection', 'close');
    done(null, payload);
  });
}

function bearerMatches(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return false;
  const m = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '');
  return m?.[1] !== undefined && safeEqual(m[1], token);
}
