import { connect, type Socket } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../support/databases.js';
import { freshDatabase } from '../../support/fresh-database.js';
import { startMypageServe } from '../../support/spawn-cli.js';
import { api } from '../../../src-shared/api/routes.js';

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

/** A POST /api/v1/login whose body is sent in two halves: in flight until `finish()`. */
function requestInFlight(baseUrl: string) {
  const { hostname, port } = new URL(baseUrl);
  const body = JSON.stringify({ id: 'nobody@example.jp', password: 'Wrong-pass1' });
  const socket: Socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (d) => (received += d.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  const sent = new Promise<void>((resolve) =>
    socket.on('connect', () => {
      socket.write(
        `POST ${api.login.path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
        () => resolve(),
      );
    }),
  );
  return { sent, closed, finish: () => socket.write(body.slice(10)), socket };
}

describeEachDatabase('Deploy: graceful shutdown', (database) => {
  let cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });

  it('Deploy: SIGTERM lets the request in flight finish with its answer, then the process exits 0', async () => {
    const db = await freshDatabase(database);
    cleanup.push(db.drop);
    const serve = await startMypageServe({ DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '0' });
    cleanup.push(() => void serve.child.kill('SIGKILL'));
    const inFlight = requestInFlight(serve.url);
    await inFlight.sent;
    await new Promise((r) => setTimeout(r, 200)); // the service has the first half
    serve.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200)); // it is closing now
    inFlight.finish();
    expect(await inFlight.closed).toMatch(/^HTTP\/1\.1 401/);
    expect(await exited(serve.child)).toBe(0);
  });

  it('Deploy: a request still in flight at SHUTDOWN_DEADLINE_SECONDS does not hold the process: it exits 1 and says why', async () => {
    const db = await freshDatabase(database);
    cleanup.push(db.drop);
    const serve = await startMypageServe({
      DATABASE_URL: db.url,
      RATE_LIMIT_PER_MINUTE: '0',
      SHUTDOWN_DEADLINE_SECONDS: '1',
    });
    cleanup.push(() => void serve.child.kill('SIGKILL'));
    const stuck = requestInFlight(serve.url); // never finished (the request deadline is 30 s)
    cleanup.push(() => void stuck.socket.destroy());
    await stuck.sent;
    await new Promise((r) => setTimeout(r, 200));
    serve.child.kill('SIGTERM');
    expect(await exited(serve.child)).toBe(1);
    expect(serve.output()).toContain('requests still in flight at the shutdown deadline; exiting anyway');
  });
});
