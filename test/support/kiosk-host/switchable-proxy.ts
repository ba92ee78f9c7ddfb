import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of the test service that can stop answering as a broken link
 * or a gateway would: `down('503')` answers 503 service_unavailable (the service's own answer on
 * a DB fault, or a gateway's), `down('reset')` drops the connection (a network error); `up()`
 * forwards again.
 */
export async function startSwitchableProxy(target: string) {
  const to = new URL(target);
  let mode: 'up' | '503' | 'reset' = 'up';
  const server = http.createServer((req, res) => {
    if (mode === 'reset') return void req.socket.destroy();
    if (mode === '503') {
      res.writeHead(503, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: 'service_unavailable', message: 'unavailable' }));
    }
    const upstream = http.request(
      {
        host: to.hostname,
        port: to.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    down: (how: '503' | 'reset') => void (mode = how),
    up: () => void (mode = 'up'),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
