import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { OTP_SUBJECT } from '../../support/sign-in.js';
import { enrollKiosk, type FakeKiosk } from '../kiosk/kiosk-helpers.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const VISITORS = 12;
const NONCES = 60;

/** Starts the CLI-style writer on the service's SQLite file; resolves once it holds writes. */
function startCliWriter(file: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'cli-writer.cjs'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (d: Buffer) => d.toString().includes('writing') && resolve(child));
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`cli writer exited (${code})`)));
  });
}

describe('Deploy: SQLite write transactions take the write lock at BEGIN [sqlite]', () => {
  let svc: TestService;
  let writer: ChildProcess | undefined;
  let kiosk: FakeKiosk;
  beforeAll(async () => {
    svc = await startTestService({ database: 'sqlite' });
    kiosk = await enrollKiosk(svc);
    for (let i = 0; i < VISITORS; i++) await svc.createEmployer({ id: `visitor${i}@example.jp`, password: PASSWORD });
  });
  afterAll(async () => {
    writer?.kill('SIGKILL');
    await svc.close();
  });

  it('Deploy: while a mypage CLI process writes back to back, every visitor signs in and every kiosk nonce is issued (no SQLITE_BUSY, no 500, no 503)', async () => {
    writer = await startCliWriter(svc.databaseUrl.slice('sqlite:'.length));
    // A nonce is issued in a transaction that reads (the terminal) before it writes: begun
    // DEFERRED, a CLI commit in between fails it with SQLITE_BUSY_SNAPSHOT.
    const nonces = await Promise.all(
      Array.from(
        { length: NONCES },
        async () => (await createClient(svc.url).post(api.kioskNonce.path, { terminalId: kiosk.terminalId })).status,
      ),
    );
    expect(nonces).toEqual(Array.from({ length: NONCES }, () => 200));
    const results = await Promise.all(
      Array.from({ length: VISITORS }, async (_, i) => {
        const id = `visitor${i}@example.jp`;
        const c = createClient(svc.url);
        const wrong = await c.post(api.login.path, { id, password: 'Wrong-pass1' });
        const login = await c.post<{ challenge: string }>(api.login.path, { id, password: PASSWORD });
        if (login.status !== 200) return [wrong.status, login.status];
        const otp = await svc.mail.latestCode(id, OTP_SUBJECT);
        const done = await c.post(api.loginOtp.path, { challenge: login.body.challenge, otp, rememberDevice: true });
        const home = await c.get(api.home.path);
        return [wrong.status, login.status, done.status, home.status];
      }),
    );
    expect(results).toEqual(Array.from({ length: VISITORS }, () => [401, 200, 200, 200]));
    const cliRows = await svc.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'cli.test_write')
      .executeTakeFirstOrThrow();
    expect(Number(cliRows.n)).toBeGreaterThan(0); // the writer really wrote meanwhile
  });
});
