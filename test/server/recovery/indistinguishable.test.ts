import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_PW_7_MAX_MAILS } from '../../../src-shared/rules.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { withdrawAccount } from '../../../src-server/accounts/accounts.service.js';
import { completePasswordReset, requestPasswordReset } from '../../../src-server/recovery/password-reset.service.js';
import { requestEmailChange } from '../../../src-server/settings/settings.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { recordedDeps } from '../../support/statement-recorder.js';
import { NEW_PASSWORD, PASSWORD } from '../../support/passwords.js';

/**
 * Timing on a shared 2-core machine is noise; what makes the answers equal in time is structural:
 * the same statements in the same order (on PostgreSQL each is a round trip). So the statements of
 * a known and an unknown ID are compared, kind and table, one by one.
 */
describeEachDatabase('known and unknown IDs run the same statements', (database) => {
  let svc: TestService;
  let recorded: ReturnType<typeof recordedDeps>;
  beforeAll(async () => {
    svc = await startTestService({ database });
    recorded = recordedDeps(svc);
  });
  afterAll(() => svc.close());

  const deps = () => recorded.deps;

  it(`R-PW-1, R-PW-7: a reset request for a known, an unknown and a withdrawn ID runs the same statements, within the budget and past it`, async () => {
    await svc.createEmployer({ id: 'known-same@example.jp', password: PASSWORD });
    await svc.createEmployer({ id: 'gone-same@example.jp', password: PASSWORD });
    const gone = (await findAccountByLoginId(svc.db, 'gone-same@example.jp'))!;
    await svc.db.transaction().execute((trx) => withdrawAccount(trx, svc.clock, gone.id));
    const run = (loginId: string) =>
      recorded.recorder.during(() => requestPasswordReset(deps(), { loginId, ip: '127.0.0.1' }));
    for (let i = 0; i < R_PW_7_MAX_MAILS + 1; i++) {
      const known = await run('known-same@example.jp');
      expect(known.length).toBeGreaterThanOrEqual(i < R_PW_7_MAX_MAILS ? 7 : 4); // find, hold, count, (spend, key, outbox,) audit
      expect(await run('nobody-same@example.jp')).toEqual(known);
      expect(await run('gone-same@example.jp')).toEqual(known);
    }
  });

  it('R-PW-2: completing a reset with a wrong key runs the same statements for a known and an unknown ID', async () => {
    await svc.createEmployer({ id: 'complete-same@example.jp', password: PASSWORD });
    await requestPasswordReset(deps(), { loginId: 'complete-same@example.jp', ip: '127.0.0.1' });
    await requestPasswordReset(deps(), { loginId: 'nobody-complete@example.jp', ip: '127.0.0.1' });
    const run = (loginId: string) =>
      recorded.recorder.during(() =>
        completePasswordReset(deps(), {
          loginId,
          key: 'WRNGWRNGWRNGWRNG',
          newPassword: NEW_PASSWORD,
          newPasswordConfirm: NEW_PASSWORD,
          ip: '127.0.0.1',
        }),
      );
    const known = await run('complete-same@example.jp');
    expect(known.length).toBeGreaterThanOrEqual(3); // find, count the try, audit
    expect(await run('nobody-complete@example.jp')).toEqual(known);
  });

  it('R-PW-7: an ID change to a free and to a taken address runs the same statements (the answer is the same 202)', async () => {
    await svc.createEmployer({ id: 'asker-same@example.jp', password: PASSWORD });
    await svc.createEmployer({ id: 'taken-same@example.jp', password: PASSWORD });
    const asker = (await findAccountByLoginId(svc.db, 'asker-same@example.jp'))!;
    const caller = { accountId: asker.id, sessionId: 'none', ip: '127.0.0.1' };
    const run = (newLoginId: string) =>
      recorded.recorder.during(() => requestEmailChange(deps(), caller, { newLoginId, password: PASSWORD }));
    const free = await run('free-same@example.jp');
    expect(free.length).toBeGreaterThanOrEqual(8);
    expect(await run('taken-same@example.jp')).toEqual(free);
  });
});
