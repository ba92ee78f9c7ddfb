import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { R_PW_7_MAILED_KEY_MAX_ATTEMPTS } from '../../../src-shared/rules.js';
import { createEmployer } from '../../../src-server/accounts/accounts.service.js';
import { TestClock } from '../../../src-server/clock.js';
import { issueEnrollmentCode } from '../../../src-server/kiosk/enrollment.service.js';
import { RESET_KEY_SUBJECT } from '../../../src-server/recovery/recovery-mails.js';
import { postgresSkipReason } from '../../support/databases.js';
import { createMailbox } from '../../support/test-mailbox.js';
import { machineHash, newKeyPair, signFor } from './kiosk-helpers.js';
import { freshDatabase } from '../../support/fresh-database.js';
import { serviceOn } from './shared-database.js';
import { NEW_PASSWORD, PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

// Two service instances, each with its own PostgreSQL connection pool, on one database: the
// counters are exact because each is ONE statement in the database, not because of one process.
if (postgresSkipReason) console.warn(`[skipped] two services on one PostgreSQL: ${postgresSkipReason}`);
describe.skipIf(postgresSkipReason !== undefined)('two services sharing one PostgreSQL', () => {
  const clock = new TestClock();
  let drop: () => Promise<void>;
  let a: Awaited<ReturnType<typeof serviceOn>>;
  let b: Awaited<ReturnType<typeof serviceOn>>;
  beforeAll(async () => {
    const fresh = await freshDatabase('postgres');
    drop = fresh.drop;
    a = await serviceOn(fresh.url, clock);
    b = await serviceOn(fresh.url, clock);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  const post = (svc: typeof a, url: string, payload: object) => svc.app.inject({ method: 'POST', url, payload });

  it(`R-PW-3 (concurrency): 20 wrong reset keys split over two services use up exactly ${R_PW_7_MAILED_KEY_MAX_ATTEMPTS} tries`, async () => {
    const id = 'two@example.jp';
    await createEmployer(a.db, clock, { id, password: PASSWORD, company: 'C', office: 'O' });
    expect((await post(a, api.passwordReset.path, { id })).statusCode).toBe(202);
    const key = await createMailbox(a.db, undefined).latestCode(id, RESET_KEY_SUBJECT);
    const wrong = { id, key: 'WRNG-WRNG-WRNG-WRNG', newPassword: NEW_PASSWORD, newPasswordConfirm: NEW_PASSWORD };
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(i % 2 ? a : b, api.passwordResetComplete.path, wrong)),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(401));
    const row = await a.db
      .selectFrom('mailed_keys')
      .select('attempts')
      .where('purpose', '=', 'reset')
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(R_PW_7_MAILED_KEY_MAX_ATTEMPTS);
    expect((await post(b, api.passwordResetComplete.path, { ...wrong, key })).statusCode).toBe(401);
  });

  it('R-KIOSK-2 (concurrency): one nonce presented by 10 logins on two services is accepted at most once', async () => {
    const { code } = await issueEnrollmentCode(a.db, clock, { office: 'O', label: 'L' });
    const keys = newKeyPair();
    const hash = machineHash();
    const terminalId = (
      await post(a, api.kioskEnroll.path, { code, publicKey: keys.publicKey, machineIdHash: hash })
    ).json<{ terminalId: string }>().terminalId;
    const ids = Array.from({ length: 10 }, (_, i) => `k${i}@example.jp`);
    for (const id of ids) await createEmployer(a.db, clock, { id, password: PASSWORD, company: 'C', office: 'O' });
    const nonce = (await post(b, api.kioskNonce.path, { terminalId })).json<{ nonce: string }>().nonce;
    // R-KIOSK-7: one nonce, each login's signature naming its own ID
    const attestation = (id: string) => ({
      terminalId,
      nonce,
      signature: signFor({ terminalId, machineIdHash: hash, privateKey: keys.privateKey }, nonce, {
        purpose: 'login',
        loginId: id,
      }),
    });
    const answers = await Promise.all(
      ids.map((id, i) => post(i % 2 ? a : b, api.login.path, { id, password: PASSWORD, attestation: attestation(id) })),
    );
    const statuses = answers.map((r) => r.json<{ status: string }>().status);
    expect(statuses.filter((s) => s === 'authenticated')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'otp_required')).toHaveLength(9);
    expect(await a.db.selectFrom('sessions').select('id').where('terminal_id', '=', terminalId).execute()).toHaveLength(
      1,
    );
  });
});
