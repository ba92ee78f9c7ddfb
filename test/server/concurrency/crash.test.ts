import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_LOGIN_3_MAX_FAILED_PASSWORDS } from '../../../src-shared/rules.js';
import { createEmployer } from '../../../src-server/accounts/accounts.service.js';
import { DECOY_ACCOUNT_ID } from '../../../src-server/accounts/decoy-account.js';
import { systemClock } from '../../../src-server/clock.js';
import { hmacSha256, sha256 } from '../../../src-server/crypto/tokens.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrate.js';
import type { Db } from '../../../src-server/db/schema.js';
import { codeLine } from '../../../src-server/mail/mail.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { freshDatabase } from '../../support/fresh-database.js';
import { startMypageServe } from '../../support/spawn-cli.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const LOCKS = ['lock0@example.jp', 'lock1@example.jp', 'lock2@example.jp'];
const OTPS = ['otp0@example.jp', 'otp1@example.jp', 'otp2@example.jp'];

describeEachDatabase('crash (SIGKILL during writes)', (database) => {
  let url: string;
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase(database, 'crash');
    url = fresh.url;
    cleanup = fresh.drop;
    db = openDatabase(url).db;
    await migrateToLatest(db);
    for (const id of [...LOCKS, ...OTPS])
      await createEmployer(db, systemClock, { id, password: PASSWORD, company: 'C', office: 'O' });
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });

  it(
    'R-LOGIN-3: every committed account, lock and OTP survives a SIGKILL of the service',
    { timeout: 120_000 },
    async () => {
      // Rate limits off: the hammering below comes from one IP on purpose.
      const env = { DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '0' };
      const first = await startMypageServe(env);
      const lockedAcks = new Set<string>();
      const challengeAcks: Array<{ id: string; challenge: string }> = [];
      let killed = false;
      // The locks all finish before the kill, so any surprise here fails the test.
      const hammerLocks = LOCKS.map(async (id) => {
        const c = createClient(first.url);
        for (let i = 0; i < R_LOGIN_3_MAX_FAILED_PASSWORDS; i++) {
          const r = await c.post(api.login.path, { id, password: `Wrong-${i}!` });
          expect(r.status).toBe(i < R_LOGIN_3_MAX_FAILED_PASSWORDS - 1 ? 401 : 423);
          if (r.status === 423) lockedAcks.add(id);
        }
      });
      const hammerOtps = OTPS.map(async (id) => {
        const c = createClient(first.url);
        try {
          while (!killed) {
            const r = await c.post<{ challenge: string }>(api.login.path, { id, password: PASSWORD });
            if (r.status === 200) challengeAcks.push({ id, challenge: r.body.challenge });
          }
        } catch {
          /* the process died under us */
        }
      });
      await Promise.all(hammerLocks).catch((err: unknown) => {
        killed = true;
        first.child.kill('SIGKILL'); // leave no service behind when the test fails
        throw err;
      });
      while (challengeAcks.length < 12) await new Promise((r) => setTimeout(r, 10));
      killed = true;
      first.child.kill('SIGKILL'); // requests are still in flight
      await Promise.all(hammerOtps);
      await new Promise<void>((r) =>
        first.child.exitCode !== null || first.child.signalCode !== null ? r() : first.child.once('exit', () => r()),
      );
      expect(first.child.signalCode).toBe('SIGKILL');

      const second = await startMypageServe(env);
      try {
        if (database === 'sqlite')
          expect(
            (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows[0]?.integrity_check,
          ).toBe('ok');
        // (the decoy of migration 0005 is no employer's account)
        const accounts = await db
          .selectFrom('accounts')
          .select('login_id')
          .where('id', '!=', DECOY_ACCOUNT_ID)
          .execute();
        expect(accounts.map((a) => a.login_id).sort()).toEqual([...LOCKS, ...OTPS].sort());

        expect([...lockedAcks].sort()).toEqual([...LOCKS].sort());
        for (const id of LOCKS) {
          expect(
            await db.selectFrom('login_failures').select('failures').where('login_id', '=', id).executeTakeFirst(),
          ).toEqual({ failures: 5 });
          expect((await createClient(second.url).post(api.login.path, { id, password: PASSWORD })).status).toBe(423);
        }

        // every acknowledged challenge is stored, with its OTP in the outbox (found by its HMAC)
        const mails = await db.selectFrom('outbox').select(['to_address', 'body']).execute();
        for (const ack of challengeAcks) {
          const row = await db
            .selectFrom('login_challenges')
            .selectAll()
            .where('id', '=', sha256(ack.challenge))
            .executeTakeFirst();
          expect(row, `challenge of ${ack.id}`).toBeDefined();
          const codes = mails.filter((m) => m.to_address === ack.id).map((m) => codeLine(m.body));
          expect(codes.some((code) => code !== undefined && hmacSha256(ack.challenge, code) === row!.otp_hash)).toBe(
            true,
          );
        }
        // and the restarted service accepts the last one
        const last = challengeAcks.at(-1)!;
        const lastRow = await db
          .selectFrom('login_challenges')
          .select('otp_hash')
          .where('id', '=', sha256(last.challenge))
          .executeTakeFirstOrThrow();
        const otp = mails
          .filter((m) => m.to_address === last.id)
          .map((m) => codeLine(m.body))
          .find((code) => code !== undefined && hmacSha256(last.challenge, code) === lastRow.otp_hash);
        const done = await createClient(second.url).post(api.loginOtp.path, {
          challenge: last.challenge,
          otp,
          rememberDevice: false,
        });
        expect(done.status).toBe(200);
      } finally {
        second.child.kill('SIGTERM');
        await new Promise<void>((r) => (second.child.exitCode !== null ? r() : second.child.once('exit', () => r())));
      }
    },
  );
});
