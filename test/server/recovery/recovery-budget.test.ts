import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_PW_7_MAX_MAILS, R_PW_7_WINDOW_MS } from '../../../src-shared/rules.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { withdrawAccount } from '../../../src-server/accounts/accounts.service.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import {
  EMAIL_CHANGE_KEY_SUBJECT,
  EMAIL_TAKEN_SUBJECT,
  REREG_KEY_SUBJECT,
  RESET_KEY_SUBJECT,
} from '../../../src-server/recovery/recovery-mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { NEW_PASSWORD, PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDatabase('recovery mail budget', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const c = () => createClient(svc.url);
  /** Every queued mail has left the outbox (real SMTP sink), then the mails to `to` with `subject`. */
  async function mails(to: string, subject: string) {
    for (;;) {
      const pending = await svc.db
        .selectFrom('outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .limit(1)
        .execute();
      if (pending.length === 0) break;
      await sleep(20);
    }
    return svc.mail.messages().filter((m) => m.to.includes(to) && m.subject === subject);
  }
  const codes = async (to: string, subject: string) =>
    (await mails(to, subject)).map((m) =>
      m.text
        .split('\n')
        .map((l) => l.trim())
        .find((l) => /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/.test(l))!,
    );

  it(`R-PW-7: ${R_PW_7_MAX_MAILS} reset mails an hour per account; every request answers the same 202; each mailed key stays valid, any live one completes`, async () => {
    const id = 'flood@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const answers = [];
    for (let i = 0; i < R_PW_7_MAX_MAILS + 2; i++) answers.push(await c().post(api.passwordReset.path, { id }));
    expect(answers.map((a) => a.status)).toEqual(Array(R_PW_7_MAX_MAILS + 2).fill(202));
    expect(answers.map((a) => [a.body, a.headers.get('content-length')])).toEqual(
      Array(R_PW_7_MAX_MAILS + 2).fill([undefined, '0']),
    );
    const keys = await codes(id, RESET_KEY_SUBJECT);
    expect(keys).toHaveLength(R_PW_7_MAX_MAILS);
    const audit = await listAudit(svc.db, { type: 'password_reset.requested', loginId: id });
    expect(audit.map((a) => JSON.parse(a.detail).mailed).filter(Boolean)).toHaveLength(R_PW_7_MAX_MAILS);
    // the second key, though three more were mailed after it, still completes the reset
    const done = await c().post(api.passwordResetComplete.path, {
      id,
      key: keys[1],
      newPassword: NEW_PASSWORD,
      newPasswordConfirm: NEW_PASSWORD,
    });
    expect(done.status).toBe(204);
    // rolling hour: an hour after the first mail, a request mails again
    svc.clock.advance(R_PW_7_WINDOW_MS);
    expect((await c().post(api.passwordReset.path, { id })).status).toBe(202);
    expect(await codes(id, RESET_KEY_SUBJECT)).toHaveLength(R_PW_7_MAX_MAILS + 1);
  });

  it('R-PW-7: an unknown ID answers the same, mails nobody, and runs out of its budget like a known one', async () => {
    const id = 'nobody-flood@example.jp';
    const answers = [];
    for (let i = 0; i < R_PW_7_MAX_MAILS + 2; i++) answers.push(await c().post(api.passwordReset.path, { id }));
    expect(answers.map((a) => [a.status, a.body, a.headers.get('content-length')])).toEqual(
      Array(R_PW_7_MAX_MAILS + 2).fill([202, undefined, '0']),
    );
    expect(await mails(id, RESET_KEY_SUBJECT)).toHaveLength(0);
    // the same budget rows as a known ID (counted per typed ID): five spent, the rest refused
    const events = await svc.db.selectFrom('budget_events').selectAll().where('subject', '=', id).execute();
    expect(events).toHaveLength(R_PW_7_MAX_MAILS);
    const audit = await listAudit(svc.db, { type: 'password_reset.requested', loginId: id });
    expect(audit.map((a) => [a.account_id, JSON.parse(a.detail).mailed])).toEqual(
      Array(R_PW_7_MAX_MAILS + 2).fill([null, false]),
    );
  });

  it(`R-PW-7: ${R_PW_7_MAX_MAILS} re-registration mails an hour, the same 202 after them`, async () => {
    const id = 'rereg-flood@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const a = (await findAccountByLoginId(svc.db, id))!;
    await svc.db.transaction().execute((trx) => withdrawAccount(trx, svc.clock, a.id));
    const statuses = [];
    for (let i = 0; i < R_PW_7_MAX_MAILS + 1; i++)
      statuses.push((await c().post(api.reregistration.path, { id, password: PASSWORD })).status);
    expect(statuses).toEqual(Array(R_PW_7_MAX_MAILS + 1).fill(202));
    const keys = await codes(id, REREG_KEY_SUBJECT);
    expect(keys).toHaveLength(R_PW_7_MAX_MAILS);
    expect((await c().post(api.reregistrationComplete.path, { id, key: keys[0] })).status).toBe(204);
  });

  it(`R-PW-7: ${R_PW_7_MAX_MAILS} ID-change mails an hour per account, a taken address spending the same budget`, async () => {
    const id = 'idchange-flood@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    await svc.createEmployer({ id: 'taken-flood@example.jp', password: PASSWORD });
    const here = await svc.as(id);
    const statuses = [];
    statuses.push(
      (await here.post(api.emailChange.path, { newId: 'taken-flood@example.jp', password: PASSWORD })).status,
    );
    for (let i = 0; i < R_PW_7_MAX_MAILS; i++)
      statuses.push(
        (await here.post(api.emailChange.path, { newId: 'next-flood@example.jp', password: PASSWORD })).status,
      );
    expect(statuses).toEqual(Array(R_PW_7_MAX_MAILS + 1).fill(202));
    expect(await mails('taken-flood@example.jp', EMAIL_TAKEN_SUBJECT)).toHaveLength(1);
    const keys = await codes('next-flood@example.jp', EMAIL_CHANGE_KEY_SUBJECT);
    expect(keys).toHaveLength(R_PW_7_MAX_MAILS - 1);
    expect((await here.post(api.emailConfirm.path, { key: keys[0] })).status).toBe(204);
  });
});
