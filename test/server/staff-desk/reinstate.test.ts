import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_LOGIN_3_MAX_FAILED_PASSWORDS, R_REREG_2_REFUSED_FROM_MS } from '../../../src-shared/rules.js';
import { findAccountById } from '../../../src-server/accounts/accounts.repository.js';
import { RESET_KEY_SUBJECT } from '../../../src-server/recovery/recovery-mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { NEW_PASSWORD, PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { resetWithMailedKey, signIn } from '../../support/sign-in.js';
import { signInStaff } from '../../support/staff.js';
import { countMails } from '../../support/test-mailbox.js';
import { auditRows, employer, IIDABASHI, paths, withdraw } from './desk-helpers.js';
import { api } from '../../../src-shared/api/routes.js';
import { liveSessions } from '../../support/db-rows.js';

describeEachDatabase('staff console: 利用再開 of an account withdrawn 31 days ago or more', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
  });
  afterAll(() => svc.close());

  const counter = () => signInStaff(svc, { role: 'office', office: IIDABASHI });
  const of = async (table: 'known_browsers' | 'device_trusts', accountId: string) =>
    svc.db.selectFrom(table).select('id').where('account_id', '=', accountId).execute();

  it('R-PW-2, R-CRED-1: reactivated without its old password, sessions, trust, known browsers or locks; the mailed reset key sets a new password and the employer signs in', async () => {
    const e = await employer(svc);
    const owner = createClient(svc.url);
    await signIn(svc, owner, e.id, PASSWORD, { rememberDevice: true });
    await withdraw(svc, e.ref);
    for (let i = 0; i < R_LOGIN_3_MAX_FAILED_PASSWORDS; i++)
      await createClient(svc.url).post(api.login.path, { id: e.id, password: `Wrong-pass${i}` });
    expect(await of('known_browsers', e.ref)).toHaveLength(1);

    svc.clock.advance(R_REREG_2_REFUSED_FROM_MS - 1);
    let desk = await counter();
    expect(
      (
        await desk.client.post(paths.reinstate(e.ref), {
          stepUp: await desk.stepUp({ action: 'reinstate', target: e.ref }),
        })
      ).body,
    ).toMatchObject({ error: 'not_reinstatable' });
    svc.clock.advance(1); // exactly 31 × 24 h: online re-registration is closed, so the office may
    desk = await counter();
    expect((await desk.client.post(paths.reinstate(e.ref), {})).body).toMatchObject({ error: 'step_up_required' });
    expect((await findAccountById(svc.db, e.ref))?.status).toBe('withdrawn');
    const r = await desk.client.post(paths.reinstate(e.ref), {
      stepUp: await desk.stepUp({ action: 'reinstate', target: e.ref }),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ mailed: true });

    const row = await findAccountById(svc.db, e.ref);
    expect(row).toMatchObject({ status: 'active', withdrawn_at: null });
    expect(await of('known_browsers', e.ref)).toEqual([]);
    expect(await of('device_trusts', e.ref)).toEqual([]);
    expect(await liveSessions(svc.db, e.ref)).toEqual([]);
    expect(await svc.db.selectFrom('login_failures').selectAll().where('login_id', '=', e.id).execute()).toEqual([]);
    // the old password no longer opens it, from the owner's old browser or anywhere
    for (const c of [owner, createClient(svc.url)])
      expect((await c.post(api.login.path, { id: e.id, password: PASSWORD })).body).toMatchObject({
        error: 'invalid_credentials',
      });
    // again: it is active now, so not reinstatable
    expect(
      (
        await desk.client.post(paths.reinstate(e.ref), {
          stepUp: await desk.stepUp({ action: 'reinstate', target: e.ref }),
        })
      ).body,
    ).toMatchObject({ error: 'not_reinstatable' });
    expect((await auditRows(svc, 'staff.reinstated')).filter((a) => a.account_id === e.ref)).toEqual([
      expect.objectContaining({ staff_member_id: expect.any(String), detail: { staffId: desk.staffId } }),
    ]);

    const done = await resetWithMailedKey(svc, createClient(svc.url), e.id);
    expect(done.status, JSON.stringify(done.body)).toBe(204);
    await signIn(svc, createClient(svc.url), e.id, NEW_PASSWORD); // the OTP step again: no trust survived
  });

  it('an active account, or one withdrawn under 31 days ago (online re-registration is its way), answers 409 not_reinstatable and stays as it was', async () => {
    const active = await employer(svc);
    const recent = await employer(svc);
    await withdraw(svc, recent.ref);
    svc.clock.advance(30 * 24 * 60 * 60 * 1000);
    const desk = await counter();
    for (const e of [active, recent]) {
      const r = await desk.client.post(paths.reinstate(e.ref), {
        stepUp: await desk.stepUp({ action: 'reinstate', target: e.ref }),
      });
      expect({ status: r.status, error: r.body.error }).toEqual({ status: 409, error: 'not_reinstatable' });
    }
    expect((await findAccountById(svc.db, recent.ref))?.status).toBe('withdrawn');
    expect((await createClient(svc.url).post(api.login.path, { id: active.id, password: PASSWORD })).status).toBe(200);
  });

  it('two staff members reinstating the same account at once: one 200, one 409 not_reinstatable, one mail, one audit row', async () => {
    const e = await employer(svc);
    await withdraw(svc, e.ref);
    svc.clock.advance(R_REREG_2_REFUSED_FROM_MS);
    const desks = [await counter(), await counter()];
    const bodies = await Promise.all(
      desks.map(async (d) => ({ stepUp: await d.stepUp({ action: 'reinstate', target: e.ref }) })),
    );
    const answers = await Promise.all(desks.map((d, i) => d.client.post(paths.reinstate(e.ref), bodies[i])));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await auditRows(svc, 'staff.reinstated')).filter((a) => a.account_id === e.ref)).toHaveLength(1);
    await svc.mail.latestCode(e.id, RESET_KEY_SUBJECT);
    expect(await countMails(svc.db, e.id, RESET_KEY_SUBJECT)).toBe(1);
  });
});
