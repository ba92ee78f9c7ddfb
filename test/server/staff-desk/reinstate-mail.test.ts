import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import { R_PW_7_MAX_MAILS, R_PW_7_STAFF_MAX_MAILS, R_REREG_2_REFUSED_FROM_MS } from '../../../src-shared/rules.js';
import { RESET_KEY_SUBJECT } from '../../../src-server/recovery/recovery-mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { NEW_PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { resetWithMailedKey, signIn } from '../../support/sign-in.js';
import { signInStaff } from '../../support/staff.js';
import { auditRows, employer, IIDABASHI, paths, withdraw } from './desk-helpers.js';
import { countMails } from '../../support/test-mailbox.js';

/**
 * 利用再開 mails a password-reset key from the staff's own budget (R-PW-7: a key the office staff
 * send is never refused by the public bound), and the console is told whether it went.
 */
describeEachDatabase('staff console: 利用再開 mails its key whatever the public reset budget says', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
  });
  afterAll(() => svc.close());

  const resetMails = (to: string) => countMails(svc.db, to, RESET_KEY_SUBJECT);
  async function reinstate(ref: string) {
    const desk = await signInStaff(svc, { role: 'office', office: IIDABASHI });
    const r = await desk.client.post(paths.reinstate(ref), {
      stepUp: await desk.stepUp({ action: 'reinstate', target: ref }),
    });
    return { ...r, staffId: desk.staffId };
  }
  const staffKeyAudits = async (ref: string) =>
    (await auditRows(svc, 'password_reset.requested')).filter((a) => a.account_id === ref && a.detail.by === 'staff');

  it('R-PW-7: a stranger who spent the public reset budget of the address cannot silence 利用再開: the key is mailed, the clerk is told, the key works', async () => {
    const e = await employer(svc);
    await withdraw(svc, e.ref);
    svc.clock.advance(R_REREG_2_REFUSED_FROM_MS);
    for (let i = 0; i < R_PW_7_MAX_MAILS + 1; i++)
      expect((await createClient(svc.url).post(api.passwordReset.path, { id: e.id })).status).toBe(202);
    // The public budget of this address is spent (a withdrawn account's requests go to the decoy).
    const publicEvents = await svc.db
      .selectFrom('budget_events')
      .select('kind')
      .where('subject', '=', e.id)
      .where('kind', '=', 'mail:reset')
      .execute();
    expect(publicEvents).toHaveLength(R_PW_7_MAX_MAILS);

    const r = await reinstate(e.ref);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ mailed: true });
    expect(await resetMails(e.id)).toBe(1);
    expect(await staffKeyAudits(e.ref)).toEqual([
      expect.objectContaining({
        staff_member_id: expect.any(String),
        detail: { mailed: true, by: 'staff', staffId: r.staffId },
      }),
    ]);
    const done = await resetWithMailedKey(svc, createClient(svc.url), e.id);
    expect(done.status, JSON.stringify(done.body)).toBe(204);
    await signIn(svc, createClient(svc.url), e.id, NEW_PASSWORD);
  });

  it(`R-PW-7: the staff's own bound is finite (${R_PW_7_STAFF_MAX_MAILS} an hour per account): past it 利用再開 still reinstates, answers mailed false, and the audit says so`, async () => {
    const e = await employer(svc);
    await withdraw(svc, e.ref);
    svc.clock.advance(R_REREG_2_REFUSED_FROM_MS);
    // Reinstating needs 31 days of withdrawal, so the bound is reached here by its rows, as if spent.
    const now = svc.clock.now().getTime();
    await svc.db
      .insertInto('budget_events')
      .values(
        Array.from({ length: R_PW_7_STAFF_MAX_MAILS }, (_, i) => ({
          subject: e.ref,
          kind: 'mail:reset:staff',
          at: now - 1000 * (i + 1),
        })),
      )
      .execute();
    const r = await reinstate(e.ref);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ mailed: false });
    expect(await resetMails(e.id)).toBe(0);
    expect(await staffKeyAudits(e.ref)).toEqual([
      expect.objectContaining({ detail: { mailed: false, by: 'staff', staffId: r.staffId } }),
    ]);
    expect(
      (await svc.db.selectFrom('accounts').select('status').where('id', '=', e.ref).executeTakeFirstOrThrow()).status,
    ).toBe('active');
  });
});
