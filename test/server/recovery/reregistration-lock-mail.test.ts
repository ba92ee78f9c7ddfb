import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import { R_LOGIN_3_LOCK_MS, R_LOGIN_3_MAX_FAILED_PASSWORDS, R_REREG_1_WINDOW_MS } from '../../../src-shared/rules.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { withdrawAccount } from '../../../src-server/accounts/accounts.service.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { countMails } from '../../support/test-mailbox.js';

const LOCK_SUBJECT = 'アカウントロック通知';
const DAY = 86_400_000;

describeEachDatabase('re-registration lock mail', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  async function withdrawn(id: string): Promise<void> {
    await svc.createEmployer({ id, password: PASSWORD });
    const a = (await findAccountByLoginId(svc.db, id))!;
    await svc.db.transaction().execute((trx) => withdrawAccount(trx, svc.clock, a.id));
  }
  /** Lock mails to `to` that are to go out (queued or sent, never a decoy's dropped row). */
  const lockMails = (to: string) => countMails(svc.db, to, LOCK_SUBJECT);
  /** Five wrong passwords from one browser; the answers without anything that differs per request. */
  async function fiveWrong(id: string) {
    const browser = createClient(svc.url);
    const answers = [];
    for (let i = 0; i < R_LOGIN_3_MAX_FAILED_PASSWORDS; i++) {
      const r = await browser.post(api.reregistration.path, { id, password: `Wrong-pass${i}` });
      answers.push({ status: r.status, body: r.body, retryAfter: r.headers.get('retry-after') });
    }
    return answers;
  }

  it('R-LOGIN-7: five wrong passwords on re-registration mail the owner of an account withdrawn within 30 days, once per lock; the answers are those of an unknown ID', async () => {
    const id = 'rereg-lock@example.jp';
    await withdrawn(id);
    svc.clock.advance(10 * DAY);
    const answers = await fiveWrong(id);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 423]);
    // The caller learns nothing new: an unknown ID's five answers are the same, word for word.
    expect(await fiveWrong('nobody-rereg-lock@example.jp')).toEqual(answers);
    await svc.mail.waitFor({ to: id, subject: LOCK_SUBJECT });
    expect(await lockMails(id)).toBe(1);
    expect(await listAudit(svc.db, { type: 'password.locked', loginId: id })).toHaveLength(1);
    // More wrong passwords during the lock: no second mail.
    await fiveWrong(id);
    expect(await lockMails(id)).toBe(1);
    // A new lock after the first ran out is a new mail.
    svc.clock.advance(R_LOGIN_3_LOCK_MS);
    await fiveWrong(id);
    await svc.mail.waitFor({ to: id, subject: LOCK_SUBJECT });
    expect(await lockMails(id)).toBe(2);
  });

  it('R-LOGIN-7: past its 30 days (re-registration closed) a withdrawn account is not mailed; the lock mail row is the decoy’s dropped one', async () => {
    const id = 'rereg-lock-late@example.jp';
    await withdrawn(id);
    svc.clock.advance(R_REREG_1_WINDOW_MS + DAY);
    const answers = await fiveWrong(id);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 423]);
    expect(await lockMails(id)).toBe(0);
    const dropped = await svc.db
      .selectFrom('outbox')
      .select('id')
      .where('to_address', '=', '')
      .where('subject', '=', LOCK_SUBJECT)
      .execute();
    expect(dropped.length).toBeGreaterThanOrEqual(1);
  });
});
