import autocannon from 'autocannon';
import { api } from '../../src-shared/api/routes.js';
import { PASSWORD } from '../../test/support/passwords.js';
import type { Settings } from './settings.js';

/** What one load phase measured. Latencies in milliseconds. */
export interface LoadResult {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** Answers whose status was not the expected one. */
  unexpected: number;
  /** Every answer by status code. */
  statuses: Record<string, number>;
  seconds: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fixed body, or one per request (e.g. a fresh challenge each time). */
  body?: unknown;
  nextBody?: () => unknown;
  connections: number;
  /** Bounded twice: by time and by request count, whichever comes first. */
  durationS: number;
  maxRequests: number;
  expectStatus: number;
}

/**
 * autocannon, many concurrent keep-alive clients, one request in flight per connection. Rates are
 * counted over the phase's wall time; p50/p99 come from autocannon's histogram.
 */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const headers = {
    ...(o.body !== undefined || o.nextBody ? { 'content-type': 'application/json' } : {}),
    ...o.headers,
  };
  let unexpected = 0;
  let answered = 0;
  const statuses: Record<string, number> = {};
  const started = performance.now();
  // autocannon ignores `duration` when `amount` is set, so the count bound is kept here.
  let finish: (r: autocannon.Result) => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: o.url,
      method: o.method ?? 'GET',
      headers,
      connections: o.connections,
      pipelining: 1,
      duration: o.durationS,
      timeout: 30,
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      ...(o.nextBody
        ? {
            requests: [
              { setupRequest: (req: autocannon.Request) => ({ ...req, body: JSON.stringify(o.nextBody?.()) }) },
            ],
          }
        : {}),
    },
    (err: unknown, r: autocannon.Result) => (err ? fail(err) : finish(r)),
  );
  instance.on('response', (_client, statusCode) => {
    if (statusCode !== o.expectStatus) unexpected++;
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (++answered === o.maxRequests) instance.stop();
  });
  const result = await done;
  const seconds = (performance.now() - started) / 1000;
  const requests = result.requests.total;
  return {
    rps: requests / result.duration,
    requests,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors, // timeouts included
    unexpected,
    statuses,
    seconds,
  };
}

/** Several loads at once (one per service process); rates add up, latencies take the worst. */
export async function runLoads(loads: LoadOptions[]): Promise<LoadResult> {
  const all = await Promise.all(loads.map(runLoad));
  return {
    rps: all.reduce((a, r) => a + r.rps, 0),
    requests: all.reduce((a, r) => a + r.requests, 0),
    p50: Math.max(...all.map((r) => r.p50)),
    p99: Math.max(...all.map((r) => r.p99)),
    errors: all.reduce((a, r) => a + r.errors, 0),
    unexpected: all.reduce((a, r) => a + r.unexpected, 0),
    statuses: Object.fromEntries(
      all
        .flatMap((r) => Object.entries(r.statuses))
        .reduce((m, [k, v]) => m.set(k, (m.get(k) ?? 0) + v), new Map<string, number>()),
    ),
    seconds: Math.max(...all.map((r) => r.seconds)),
  };
}

/** POST /login at `url` with the employers `ids` in turn (right password: each answer is 200), as long as the settings say. */
export function runLoginLoad(
  url: string,
  ids: string[],
  s: Pick<Settings, 'loginConnections' | 'loginS' | 'loginMax'>,
): Promise<LoadResult> {
  let i = 0;
  return runLoad({
    url: url + api.login.path,
    method: 'POST',
    nextBody: () => ({ id: ids[i++ % ids.length], password: PASSWORD }),
    connections: s.loginConnections,
    durationS: s.loginS,
    maxRequests: s.loginMax,
    expectStatus: 200,
  });
}
