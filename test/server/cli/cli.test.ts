import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-server/db/database.js';
import type { Db } from '../../../src-server/db/schema.js';
import { runMypage, startMypageServe } from '../../support/spawn-cli.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

// Each case spawns the real command (through tsx), a few seconds apiece on a busy machine.
describe('the mypage command', { timeout: 90_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  let db: Db;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mypage-cli-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}` };
    db = openDatabase(env.DATABASE_URL!).db;
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R-LOGIN-1: no command or an unknown one prints the usage and exits non-zero', async () => {
    const none = await runMypage([], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: mypage <command>');
    for (const name of [
      'serve',
      'migrate',
      'seed-demo',
      'create-employer',
      'withdraw',
      'unlock',
      'enroll-code',
      'kiosks',
      'revoke-kiosk',
    ])
      expect(none.stderr).toContain(name);
    const unknown = await runMypage(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
  });

  it('R-LOGIN-1: wrong or missing options print the command usage and exit non-zero', async () => {
    const bogus = await runMypage(['unlock', '--bogus'], env);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('usage: mypage unlock --id EMAIL');
    const missing = await runMypage(['create-employer', '--id', 'a@b.jp'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--password');
  });

  it('R-PW-4: migrate, then create-employer makes one account (and refuses a weak password)', async () => {
    expect((await runMypage(['migrate'], env)).stdout).toContain('applied: 0001-initial');
    expect((await runMypage(['migrate'], env)).stdout).toContain('up to date');
    const weak = await runMypage(
      ['create-employer', '--id', 'cli@example.jp', '--password', 'short', '--company', 'C', '--office', 'O'],
      env,
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('R-PW-4');
    const ok = await runMypage(
      [
        'create-employer',
        '--id',
        'CLI@Example.jp',
        '--password',
        PASSWORD,
        '--company',
        '株式会社 CLI',
        '--office',
        '新宿公共職業安定所',
      ],
      env,
    );
    expect(ok.code).toBe(0);
    const row = await db
      .selectFrom('accounts')
      .selectAll()
      .where('login_id', '=', 'cli@example.jp')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ company: '株式会社 CLI', status: 'active' });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(
      (
        await runMypage(
          ['create-employer', '--id', 'cli@example.jp', '--password', PASSWORD, '--company', 'C', '--office', 'O'],
          env,
        )
      ).code,
    ).toBe(1);
  });

  it('R-LOGIN-3: unlock lifts a lock-out; withdraw withdraws', async () => {
    await db
      .insertInto('login_failures')
      .values({ login_id: 'cli@example.jp', failures: 5, locked_until: Date.now() + 1_800_000, updated_at: Date.now() })
      .execute();
    const unlock = await runMypage(['unlock', '--id', 'cli@example.jp'], env);
    expect(unlock.code).toBe(0);
    expect(unlock.stdout).toContain('unlocked cli@example.jp');
    expect(
      await db.selectFrom('login_failures').selectAll().where('login_id', '=', 'cli@example.jp').execute(),
    ).toHaveLength(0);
    expect((await runMypage(['withdraw', '--id', 'cli@example.jp'], env)).code).toBe(0);
    expect(
      await db.selectFrom('accounts').select(['status']).where('login_id', '=', 'cli@example.jp').executeTakeFirst(),
    ).toEqual({ status: 'withdrawn' });
    expect((await runMypage(['withdraw', '--id', 'nobody@example.jp'], env)).code).toBe(1);
  });

  it('R-HOME-1: seed-demo creates the seed example once and prints the demo login', async () => {
    const first = await runMypage(['seed-demo'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('demo@hellowork.example');
    expect(first.stdout).toContain('Hello-Work2026');
    expect((await runMypage(['seed-demo'], env)).stdout).toContain('exists already');
    expect(
      await db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
    ).toEqual({ n: 100 });
  });

  it('R-LOGIN-5: serve with no SMTP prints where to look, serves, and stops gracefully on SIGTERM', async () => {
    const { child, url, output } = await startMypageServe(env);
    try {
      expect(output()).toContain('/dev/mailbox');
      const meta = await fetch(`${url}${api.meta.path}`);
      expect(await meta.json()).toEqual({ mailFrom: 'system@mail.hellowork.mhlw.go.jp', production: false });
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('R-LOGIN-5: Ctrl+C under npm start (SIGINT twice: the terminal and the parent) still closes gracefully', async () => {
    const { child, output } = await startMypageServe({ ...env, LOG_LEVEL: 'info' });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.once('exit', (code, signal) => r({ code, signal })),
    );
    child.kill('SIGINT');
    // The second one arrives while the first is being handled, as the parent's forward does.
    await new Promise<void>((r) => child.stdout!.on('data', () => output().includes('shutting down') && r()));
    child.kill('SIGINT');
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});
