import { describe, expect, it } from 'vitest';
import { WebHost } from '../../src-renderer/lib/host/web-host.js';
import { hostCallNames, hostCalls } from '../../src-shared/host-calls.js';

type Call = { url: string; init: RequestInit | undefined };

function fakeFetch(answers: Array<Response | Error>) {
  const calls: Call[] = [];
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    calls.push({ url, init });
    const a = answers.shift();
    if (!a) throw new Error('no answer left');
    if (a instanceof Error) throw a;
    return a;
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('WebHost', () => {
  it('R-LOGIN-2: keeps the challenge of the pending login and sends it with the OTP', async () => {
    const { fetch, calls } = fakeFetch([
      json(200, { status: 'otp_required', challenge: 'ch_1', expiresAt: '2026-01-01T00:00:00.000Z' }),
      json(200, { status: 'authenticated', kind: 'web' }),
    ]);
    const host = new WebHost({ fetch });
    const login = await host.login({ id: 'taro@example.jp', password: 'x' });
    expect(login).toEqual({ ok: true, data: { status: 'otp_required', expiresAt: '2026-01-01T00:00:00.000Z' } });
    const otp = await host.submitOtp({ otp: '123456', rememberDevice: true });
    expect(otp).toEqual({ ok: true, data: { status: 'authenticated' } });
    // literal paths on purpose: this checks the client against the wire contract (API.md), not against the table it reads
    expect(calls.map((c) => [c.init?.method, c.url])).toEqual([
      ['POST', '/api/v1/login'],
      ['POST', '/api/v1/login/otp'],
    ]);
    expect(JSON.parse(calls[1]!.init!.body as string)).toEqual({
      challenge: 'ch_1',
      otp: '123456',
      rememberDevice: true,
    });
    expect(calls[0]!.init!.credentials).toBe('same-origin');
  });

  it('passes the service error body through, extra fields included', async () => {
    const { fetch } = fakeFetch([json(423, { error: 'locked', message: 'ロック', retryAfterSeconds: 1200 })]);
    const r = await new WebHost({ fetch }).login({ id: 'taro@example.jp', password: 'x' });
    expect(r).toEqual({ ok: false, error: { error: 'locked', message: 'ロック', retryAfterSeconds: 1200 } });
  });

  it('never throws: a failed fetch becomes network_error, a body that is not JSON a plain code', async () => {
    const { fetch } = fakeFetch([new TypeError('Failed to fetch'), new Response('<html>', { status: 500 })]);
    const host = new WebHost({ fetch });
    expect(await host.home()).toEqual({ ok: false, error: { error: 'network_error', message: 'Failed to fetch' } });
    expect(await host.home()).toEqual({ ok: false, error: { error: 'internal_error', message: '' } });
  });

  it("Deploy: a proxy's own 502/503/504 page (no instance answers) reads as service_unavailable", async () => {
    const { fetch } = fakeFetch([502, 503, 504].map((status) => new Response('<html>Bad Gateway</html>', { status })));
    const host = new WebHost({ fetch });
    for (let i = 0; i < 3; i++)
      expect(await host.home()).toEqual({ ok: false, error: { error: 'service_unavailable', message: '' } });
  });

  it('puts the device id into the path of DELETE and sends no body', async () => {
    const { fetch, calls } = fakeFetch([new Response(null, { status: 204 })]);
    expect(await new WebHost({ fetch }).revokeDevice({ id: 'dev_1' })).toEqual({ ok: true, data: undefined });
    // literal on purpose, as above: the URL on the wire
    expect(calls[0]!.url).toBe('/api/v1/settings/devices/dev_1');
    expect(calls[0]!.init!.method).toBe('DELETE');
    expect(calls[0]!.init!.body).toBeUndefined();
  });

  it('R-OTP-1: an OTP without a pending login is reported as expired, without a request', async () => {
    const { fetch, calls } = fakeFetch([]);
    const r = await new WebHost({ fetch }).submitOtp({ otp: '123456', rememberDevice: false });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.error).toBe('otp_expired');
    expect(calls).toEqual([]);
  });

  it('makes every routed call of the table as its route says: method, path, and the input as the body of a POST', async () => {
    const own = ['login', 'submitOtp', 'logout']; // written by the WebHost itself (the login steps: above)
    const routed = hostCallNames.filter((name) => 'route' in hostCalls[name] && !own.includes(name));
    const { fetch, calls } = fakeFetch(routed.map(() => new Response(null, { status: 204 })));
    const host = new WebHost({ fetch });
    for (const name of routed) await (host[name] as (input: unknown) => Promise<unknown>)({ id: 'x_1' });
    expect(calls.map((c) => [c.init?.method, c.url])).toEqual(
      routed.map((name) => {
        const call = hostCalls[name] as { method: string; path: string };
        return [call.method, call.path.replace(':id', 'x_1')];
      }),
    );
    for (const [i, name] of routed.entries()) {
      const post = (hostCalls[name] as { method: string }).method === 'POST';
      expect(calls[i]!.init!.body, name).toBe(post ? JSON.stringify({ id: 'x_1' }) : undefined);
    }
  });
});
