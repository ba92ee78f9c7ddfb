import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffApi } from '../../../src-shared/staff-api/routes.js';
import { loadConfig } from '../../../src-server/config.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import { openDatabase } from '../../../src-server/db/database.js';
import type { Db } from '../../../src-server/db/schema.js';
import { refuseWithoutStaffOrigin, startServer } from '../../../src-server/server.js';
import { runMypage } from '../../support/spawn-cli.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe('staff console: mypage create-staff, seed-demo, and the second listener', { timeout: 90_000 }, () => {
  let dir: string;
  let env: Record<string, string>;
  let db: Db;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mypage-staff-cli-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'staff.sqlite')}` };
  });
  afterAll(async () => {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('create-staff prints the staff ID and a one-time registration code, kept only as its SHA-256; bad options exit non-zero', async () => {
    const r = await runMypage(
      ['create-staff', '--name', '窓口 花子', '--role', 'office', '--office', '新宿公共職業安定所'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const staffId = /職員ID:\s+(S\d{7})/.exec(r.stdout)?.[1];
    const code = /登録コード:\s+([A-Z2-9-]{19})/.exec(r.stdout)?.[1];
    expect(staffId).toBeDefined();
    expect(code).toBeDefined();
    db = openDatabase(env.DATABASE_URL!).db;
    const member = await db
      .selectFrom('staff_members')
      .selectAll()
      .where('staff_id', '=', staffId!)
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({ name: '窓口 花子', role: 'office' });
    const codes = await db
      .selectFrom('staff_registration_codes')
      .selectAll()
      .where('staff_member_id', '=', member.id)
      .execute();
    expect(codes.map((c) => c.code_hash)).toEqual([sha256(code!.replace(/-/g, ''))]);
    const again = await runMypage(['staff-code', '--staff-id', staffId!.toLowerCase()], env);
    expect(again.stdout).toMatch(new RegExp(`職員ID:\\s+${staffId}\\n登録コード:\\s+[A-Z2-9-]{19}`));
    expect(
      await db.selectFrom('staff_registration_codes').selectAll().where('staff_member_id', '=', member.id).execute(),
    ).toHaveLength(2);
    expect((await runMypage(['create-staff', '--name', 'X', '--role', 'boss'], env)).code).toBe(1);
    expect((await runMypage(['create-staff', '--name', 'X', '--role', 'office'], env)).stderr).toContain(
      '--office is required',
    );
    expect((await runMypage(['create-staff', '--role', 'it'], env)).code).toBe(2);

    // offboarding: disable-staff sets disabled_at; a second time (or an unknown ID) exits non-zero
    const off = await runMypage(['disable-staff', '--staff-id', staffId!], env);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toContain(`${staffId} disabled; 0 session(s) ended`);
    expect(
      (await db.selectFrom('staff_members').select('disabled_at').where('id', '=', member.id).executeTakeFirstOrThrow())
        .disabled_at,
    ).not.toBeNull();
    expect((await runMypage(['disable-staff', '--staff-id', staffId!], env)).stderr).toContain(
      `no enabled staff member ${staffId}`,
    );
    expect((await runMypage(['staff-code', '--staff-id', staffId!], env)).code).toBe(1);
  });

  it('seed-demo prints one demo staff member per role with a staff ID and registration code, like the demo employer', async () => {
    const r = await runMypage(['seed-demo'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('demo@hellowork.example');
    expect(r.stdout).toMatch(
      /職員ID: S0000001\s+窓口 太郎（窓口 · 飯田橋公共職業安定所）\n\s+登録コード: [A-Z2-9-]{19}/,
    );
    expect(r.stdout).toMatch(/職員ID: S0000002\s+情報 花子（IT）\n\s+登録コード: [A-Z2-9-]{19}/);
  });

  it('startServer with STAFF_PORT listens on both ports: the employer API on PORT, the staff API on STAFF_PORT', async () => {
    const staffPort = await freePort();
    const server = await startServer({
      ...loadConfig({
        ...env,
        PORT: '0',
        STAFF_PORT: String(staffPort),
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MINUTE: '0',
      }),
      rendererDir: undefined,
    });
    try {
      expect(server.staff?.url).toBe(`http://127.0.0.1:${staffPort}`);
      expect((await fetch(`${server.url}/api/v1/meta`)).status).toBe(200);
      expect((await fetch(`${server.url}${staffApi.me.path}`)).status).toBe(404);
      const me = await fetch(`${server.staff?.url}${staffApi.me.path}`);
      expect(me.status).toBe(401);
      expect(await me.json()).toMatchObject({ error: 'staff_unauthenticated' });
      const opts = await fetch(`${server.staff?.url}${staffApi.loginOptions.path}`, {
        method: 'POST',
        headers: { origin: `http://localhost:${staffPort}`, 'content-type': 'application/json' },
        body: JSON.stringify({ staffId: 'S0000001' }),
      });
      expect(((await opts.json()) as { options: { rpId: string } }).options.rpId).toBe('localhost');
    } finally {
      await server.close();
    }
    // HOST=0.0.0.0 behind a proxy for employers: the staff listener still binds loopback (STAFF_HOST's default)
    const open = await startServer({
      ...loadConfig({
        ...env,
        PORT: '0',
        HOST: '0.0.0.0',
        TRUST_PROXY: 'true',
        PUBLIC_ORIGIN: 'https://mypage.example.jp',
        STAFF_PORT: String(await freePort()),
        LOG_LEVEL: 'silent',
      }),
      rendererDir: undefined,
    });
    expect(open.url).toMatch(/^http:\/\/0\.0\.0\.0:/);
    expect(open.staff?.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    await open.close();
    const plain = await startServer({
      ...loadConfig({ ...env, PORT: '0', LOG_LEVEL: 'silent' }),
      rendererDir: undefined,
    });
    expect(plain.staff).toBeUndefined();
    await plain.close();
  });

  it('beyond loopback (or behind a proxy) the staff listener needs STAFF_PUBLIC_ORIGIN, and it must be https:// unless localhost', () => {
    expect(() =>
      refuseWithoutStaffOrigin({
        staffHost: '0.0.0.0',
        staffTrustProxy: false,
        staffPublicOrigin: 'http://localhost:8081',
      }),
    ).toThrow(/STAFF_PUBLIC_ORIGIN/);
    expect(() =>
      refuseWithoutStaffOrigin({
        staffHost: '0.0.0.0',
        staffTrustProxy: false,
        staffPublicOrigin: 'https://staff.example.jp',
      }),
    ).not.toThrow();
    expect(() =>
      refuseWithoutStaffOrigin({
        staffHost: '127.0.0.1',
        staffTrustProxy: false,
        staffPublicOrigin: 'http://localhost:8081',
      }),
    ).not.toThrow();
    expect(() =>
      refuseWithoutStaffOrigin({
        staffHost: '127.0.0.1',
        staffTrustProxy: false,
        staffPublicOrigin: 'http://staff.example.jp',
      }),
    ).toThrow(/passkeys need an https/);
    expect(() =>
      refuseWithoutStaffOrigin({
        staffHost: '127.0.0.1',
        staffTrustProxy: ['127.0.0.1'],
        staffPublicOrigin: 'http://localhost:8081',
      }),
    ).toThrow(/STAFF_PUBLIC_ORIGIN/);
  });
});
