import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/schema.js';
import type { MetricsPort } from './metrics-port.js';
import { scrapeGauges } from './scrape-gauges.js';

/**
 * The service's Prometheus metrics, one Registry per app (tests build many apps in one process;
 * prom-client's global registry would mix them). Names follow `mypage_<thing>_<unit>`; labels are
 * routes and outcomes, never a user, an ID or an address.
 */
export function createMetrics(deps: { db: Db; clock: Clock; config: Pick<Config, 'fleet'> }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mypage_process_' });
  const requests = new Counter({
    name: 'mypage_http_requests_total',
    help: 'HTTP answers by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'mypage_http_request_duration_seconds',
    help: 'Time from request to answer, by route pattern and method',
    labelNames: ['route', 'method'] as const,
    // argon2id logins take ~50–300 ms; the cheap endpoints a few ms; 3 s is the database fault deadline.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const logins = new Counter({
    name: 'mypage_logins_total',
    help: 'POST /login answers by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const heartbeats = new Counter({
    name: 'mypage_kiosk_heartbeats_total',
    help: 'Kiosk heartbeats by result (accepted, refused)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  scrapeGauges(registry, deps, Gauge);

  const port: MetricsPort = {
    loginAnswered: (outcome) => logins.inc({ outcome }),
    kioskHeartbeat: (accepted) => heartbeats.inc({ result: accepted ? 'accepted' : 'refused' }),
  };

  return {
    registry,
    port,
    /** Counts every answer (errors and framework refusals included) under its route pattern. */
    install(app: FastifyInstance): void {
      app.addHook('onResponse', (request, reply, done) => {
        // The pattern (`/api/v1/settings/devices/:id`), never the raw URL: one series per route.
        const route = request.routeOptions.url ?? 'unmatched';
        const seconds = reply.elapsedTime / 1000;
        requests.inc({ route, method: request.method, status: String(reply.statusCode) });
        duration.observe({ route, method: request.method }, seconds);
        done();
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
