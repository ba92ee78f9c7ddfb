import { connect, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { HTTP_TIMEOUTS } from '../../../src-server/config.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { api } from '../../../src-shared/api/routes.js';

/** Small deadlines, so the cut-off is seen in a second or two instead of 15–30 s. */
const SMALL = { requestMs: 1_500, headersMs: 1_000, checkIntervalMs: 100, keepAliveMs: 500, connectionMs: 3_000 };
/** Far more than any of SMALL: a socket still open then was never cut off. */
const NEVER_MS = 10_000;

/** A raw socket that sends `head` and then `drip` one byte every 200 ms; resolves with what it received when the server closes it. */
function dribble(
  url: string,
  head: string,
  drip: string,
): { closed: Promise<{ received: string; bytesSent: number }>; socket: Socket } {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = '';
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const closed = new Promise<{ received: string; bytesSent: number }>((resolve, reject) => {
    const never = setTimeout(() => reject(new Error(`still open after ${NEVER_MS} ms (sent ${sent} bytes)`)), NEVER_MS);
    socket.on('data', (d) => (received += d.toString()));
    socket.on('error', () => undefined); // a reset is a close too
    socket.on('close', () => {
      clearTimeout(never);
      clearInterval(timer);
      resolve({ received, bytesSent: sent });
    });
  });
  socket.on('connect', () => {
    socket.write(head);
    timer = setInterval(() => {
      if (sent < drip.length && !socket.destroyed) socket.write(drip[sent++]!);
    }, 200);
  });
  return { closed, socket };
}

describeEachDatabase('Deploy: slow and abusive clients', (database) => {
  let svc: TestService;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await svc.close();
  });

  it('Deploy: headers dribbled a byte at a time are cut off at the headers deadline, while other clients are answered meanwhile', async () => {
    svc = await startTestService({ database, http: SMALL });
    const d = dribble(svc.url, `GET ${api.meta.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`, 'X-Slow: ' + 'a'.repeat(200));
    sockets.push(d.socket);
    // While it dribbles, a normal client gets its answers.
    for (let i = 0; i < 3; i++) expect((await createClient(svc.url).get(api.meta.path)).status).toBe(200);
    const { received, bytesSent } = await d.closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(bytesSent).toBeLessThan(200); // closed long before the dribble ended
  });

  it('Deploy: a body dribbled a byte at a time is cut off at the request deadline, while other clients are answered meanwhile', async () => {
    svc = await startTestService({ database, http: SMALL });
    const body = JSON.stringify({ id: 'slow@example.jp', password: 'x'.repeat(100) });
    const head = `POST ${api.login.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const d = dribble(svc.url, head, body);
    sockets.push(d.socket);
    for (let i = 0; i < 3; i++) expect((await createClient(svc.url).get(api.meta.path)).status).toBe(200);
    const { received, bytesSent } = await d.closed;
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(bytesSent).toBeLessThan(body.length);
  });

  it('Deploy: the deployment deadlines (30 s request, 15 s headers, 1 s checks, 65 s keep-alive, 120 s idle socket) are the ones the server runs with', async () => {
    expect(HTTP_TIMEOUTS).toEqual({
      requestMs: 30_000,
      headersMs: 15_000,
      checkIntervalMs: 1_000,
      keepAliveMs: 65_000,
      connectionMs: 120_000,
    });
    svc = await startTestService({ database });
    const server = svc.app.server;
    expect(server.requestTimeout).toBe(30_000);
    expect(server.headersTimeout).toBe(15_000);
    expect(server.keepAliveTimeout).toBe(65_000);
    expect(server.timeout).toBe(120_000);
  });
});
