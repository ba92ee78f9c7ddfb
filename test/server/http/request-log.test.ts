import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import { startTestService, type TestService } from '../../support/service-harness.js';

// src-server/http/logging.ts writes one access line per request instead of Fastify's two (a
// performance fix, docs/performance.md); operators still get method, path, status and time.
describe('access log', () => {
  const lines: string[] = [];
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ captureLogs: lines });
  });
  afterAll(() => svc.close());

  const requestLines = () =>
    lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');

  it('one line per request: method, path without its query, status, time', async () => {
    lines.length = 0;
    const r = await fetch(`${svc.url}${api.meta.path}?token=do-not-log-me`);
    expect(r.status).toBe(200);
    const logged = requestLines();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ method: 'GET', path: api.meta.path, status: 200, ip: '127.0.0.1' });
    expect(typeof logged[0]?.ms).toBe('number');
    expect(lines.join('\n')).not.toContain('do-not-log-me');
    expect(lines.some((l) => l.includes('incoming request'))).toBe(false);
  });

  it('refused requests are logged with their status', async () => {
    lines.length = 0;
    const r = await fetch(`${svc.url}${api.home.path}`);
    expect(r.status).toBe(401);
    expect(requestLines()).toEqual([expect.objectContaining({ method: 'GET', path: api.home.path, status: 401 })]);
  });
});
