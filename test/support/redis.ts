import { connect, createServer, type Socket } from 'node:net';
import { Redis } from 'ioredis';

/**
 * The Redis the tests share (127.0.0.1:6379; override with MYPAGE_TEST_REDIS_URL). Each test
 * writes under a key prefix of its own, so parallel runs never see each other's counts; faults
 * are made only as a client can (a wrong port, CLIENT KILL of the test's own connection).
 */
export const REDIS_TEST_URL = process.env.MYPAGE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let counter = 0;
export const uniqueRedisPrefix = (tag: string) =>
  `mypage-test:${tag}:${process.pid}:${Date.now().toString(36)}:${counter++}:`;

async function probeRedis(): Promise<string | undefined> {
  const r = new Redis(REDIS_TEST_URL, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
    return undefined;
  } catch (err) {
    return `Redis does not answer at ${REDIS_TEST_URL} (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    r.disconnect();
  }
}

/** Why Redis cannot be used here, or undefined when it can. */
export const redisSkipReason: string | undefined = await probeRedis();

/** A client for the test itself (admin commands, cleanup). */
export function testRedis(): Redis {
  const r = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: 1 });
  r.on('error', () => undefined);
  return r;
}

/** Drops the connections whose CLIENT SETNAME is `name` (the service's own); returns how many. */
export async function killClientsNamed(admin: Redis, name: string): Promise<number> {
  const list = (await admin.client('LIST')) as string;
  const ids = list
    .split('\n')
    .filter((line) => line.includes(` name=${name} `))
    .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
  for (const id of ids) await admin.client('KILL', 'ID', id);
  return ids.length;
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(admin: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 100);
    if (keys.length) await admin.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** A loopback port nothing listens on (bound, then closed): "Redis is down" without a fixed port. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/**
 * A TCP proxy in front of the test Redis that can freeze: while frozen nothing passes either way
 * (the sockets are paused, so nothing is lost), as a hung server or a black-holed link looks to
 * the client. Thawed, the late replies arrive in order.
 */
export async function startFreezableRedisProxy(): Promise<{
  url: string;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}> {
  const target = new URL(REDIS_TEST_URL);
  const sockets = new Set<Socket>();
  let frozen = false;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
      if (frozen) s.pause();
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return {
    url: `redis://127.0.0.1:${address.port}`,
    freeze: () => {
      frozen = true;
      for (const s of sockets) s.pause();
    },
    thaw: () => {
      frozen = false;
      for (const s of sockets) s.resume();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
