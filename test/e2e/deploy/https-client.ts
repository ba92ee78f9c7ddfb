import { request } from 'node:https';
import { connect as tlsConnect } from 'node:tls';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown> | string | undefined;
}

export interface ClientOptions {
  origin: string;
  /** The certificate the client trusts (this run's self-signed one). */
  ca: string;
  /** The source address of the client's connections (any of 127/8 reaches loopback on Linux). */
  localAddress?: string;
  /** Each request is abandoned (an error) after this long: an answer that hangs fails the test. */
  timeoutMs?: number;
}

/**
 * A client of the public origin like a browser: https (trusting only this run's certificate), a
 * cookie jar, `Origin` on state changes. Each request opens its own connection, so nginx balances
 * them one by one.
 */
export function createHttpsClient(opts: ClientOptions) {
  const jar = new Map<string, string>();
  const base = new URL(opts.origin);

  function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const h: Record<string, string> = { ...headers };
    if (payload !== undefined) h['content-type'] = 'application/json';
    if (method !== 'GET') h.origin = opts.origin;
    if (jar.size) h.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          servername: base.hostname,
          port: Number(base.port),
          path,
          method,
          headers: { host: base.host, ...h },
          ca: opts.ca,
          agent: false,
          ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
          timeout: opts.timeoutMs ?? 15_000,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => {
            for (const line of res.headers['set-cookie'] ?? []) {
              const pair = line.split(';')[0] ?? '';
              const i = pair.indexOf('=');
              const value = pair.slice(i + 1);
              if (value === '' || /max-age=0/i.test(line)) jar.delete(pair.slice(0, i));
              else jar.set(pair.slice(0, i), value);
            }
            let parsed: Answer['body'] = text || undefined;
            try {
              parsed = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
            } catch {
              /* not JSON: keep the text */
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${path}: no answer within ${opts.timeoutMs ?? 15_000} ms`)),
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  return {
    jar,
    get: (path: string, headers?: Record<string, string>) => send('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => send('POST', path, body, headers),
  };
}
export type HttpsClient = ReturnType<typeof createHttpsClient>;

/**
 * A slow client: sends a POST's headers at once, then its body one byte a second (a slow-loris),
 * and resolves with what came back once the other side closes the connection.
 */
export function dribbleBody(opts: { origin: string; ca: string; path: string; contentLength: number }): {
  closed: Promise<{ answer: string; bytesSent: number }>;
  stop(): void;
} {
  const base = new URL(opts.origin);
  let answer = '';
  let bytesSent = 0;
  let timer: NodeJS.Timeout | undefined;
  const socket = tlsConnect(
    { host: '127.0.0.1', port: Number(base.port), servername: base.hostname, ca: opts.ca, ALPNProtocols: ['http/1.1'] },
    () => {
      socket.write(
        `POST ${opts.path} HTTP/1.1\r\nHost: ${base.host}\r\nOrigin: ${opts.origin}\r\nContent-Type: application/json\r\nContent-Length: ${opts.contentLength}\r\n\r\n`,
      );
      timer = setInterval(() => {
        if (bytesSent < opts.contentLength - 1) socket.write(bytesSent++ === 0 ? '{' : ' ');
      }, 1_000);
    },
  );
  socket.on('data', (b: Buffer) => (answer += b.toString()));
  socket.on('error', () => undefined); // a reset is a close too
  const closed = new Promise<{ answer: string; bytesSent: number }>((resolve) =>
    socket.once('close', () => {
      clearInterval(timer);
      resolve({ answer, bytesSent });
    }),
  );
  return { closed, stop: () => socket.destroy() };
}
