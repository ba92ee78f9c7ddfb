import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { R_LOGIN_3_MAX_FAILED_PASSWORDS } from '../../../src-shared/rules.js';
import { lockState } from '../../../src-server/login/lockout.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signIn } from '../../support/sign-in.js';
import { createStaffClient, signInStaff, type StaffSession } from '../../support/staff.js';
import { attest, enrollKiosk } from '../kiosk/kiosk-helpers.js';
import { auditRows, DAY_MS, employer, IIDABASHI, paths, SHINJUKU, withdraw } from './desk-helpers.js';
import { api } from '../../../src-shared/api/routes.js';

describeEachDatabase('staff console: the office counter', (database) => {
  let svc: TestService;
  let desk: StaffSession;
  let other: StaffSession;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
    desk = await signInStaff(svc, { role: 'office', office: IIDABASHI, name: '飯田 花子' });
    other = await signInStaff(svc, { role: 'office', office: SHINJUKU });
  });
  afterAll(() => svc.close());

  const wrongPasswords = async (body: () => Promise<Record<string, unknown>>, client = () => createClient(svc.url)) => {
    for (let i = 0; i < R_LOGIN_3_MAX_FAILED_PASSWORDS; i++)
      await client().post(api.login.path, { ...(await body()), password: `Wrong-pass${i}` });
  };

  it("求人者検索 finds the own office's employers by a part of the company name or the exact ID, with their state; never another office's", async () => {
    const mine = await employer(svc, { company: '株式会社さくら食品' });
    const locked = await employer(svc, { company: '有限会社さくら運輸' });
    const gone = await employer(svc, { company: 'さくら100%工業' });
    const theirs = await employer(svc, { company: '株式会社さくら商事', office: SHINJUKU });
    await withdraw(svc, gone.ref);
    svc.clock.advance(3 * DAY_MS + 60_000);
    desk = await signInStaff(svc, { role: 'office', office: IIDABASHI, name: '飯田 花子' }); // 3 days idle ended the session
    await wrongPasswords(async () => ({ id: locked.id }));

    const r = await desk.client.get<{ employers: Array<Record<string, unknown>> }>(paths.search('さくら'));
    expect(r.status).toBe(200);
    expect(r.body.employers).toHaveLength(3);
    expect(r.body.employers).toEqual(
      expect.arrayContaining([
        { ref: gone.ref, company: 'さくら100%工業', office: IIDABASHI, state: 'withdrawn', withdrawnDays: 3 },
        { ref: mine.ref, company: '株式会社さくら食品', office: IIDABASHI, state: 'active', withdrawnDays: null },
        { ref: locked.ref, company: '有限会社さくら運輸', office: IIDABASHI, state: 'locked', withdrawnDays: null },
      ]),
    );
    expect(JSON.stringify(r.body)).not.toContain('@example.jp'); // the ref is never the login ID
    // the exact ID, typed in another case; a wildcard is only a character
    expect(
      (await desk.client.get<{ employers: unknown[] }>(paths.search(mine.id.toUpperCase()))).body.employers,
    ).toEqual([expect.objectContaining({ ref: mine.ref })]);
    expect((await desk.client.get<{ employers: unknown[] }>(paths.search('%'))).body.employers).toEqual([
      expect.objectContaining({ ref: gone.ref }),
    ]);
    // the other office's employer is found by neither its name nor its ID
    expect((await desk.client.get<{ employers: unknown[] }>(paths.search('さくら商事'))).body.employers).toEqual([]);
    expect((await desk.client.get<{ employers: unknown[] }>(paths.search(theirs.id))).body.employers).toEqual([]);
    expect((await desk.client.get(paths.search('  '))).body).toMatchObject({ error: 'invalid_request' });
  });

  it('IDを表示 records the identity check and answers the ID once; it asks for the passkey, each step-up serves one action', async () => {
    other = await signInStaff(svc, { role: 'office', office: SHINJUKU });
    const e = await employer(svc);
    const check = { documentKind: 'drivers_license', note: '運転免許証の氏名・住所を確認' };
    expect((await desk.client.post(paths.reveal(e.ref), check)).body).toMatchObject({ error: 'step_up_required' });
    const stepUp = await desk.stepUp({ action: 'reveal_id', target: e.ref });
    const r = await desk.client.post(paths.reveal(e.ref), { ...check, stepUp });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ loginId: e.id });
    // the same assertion again: refused, nothing recorded
    expect((await desk.client.post(paths.reveal(e.ref), { ...check, stepUp })).body).toMatchObject({
      error: 'step_up_required',
    });
    const rows = (await auditRows(svc, 'staff.id_revealed')).filter((row) => row.account_id === e.ref);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      staff_member_id: expect.any(String),
      detail: { documentKind: 'drivers_license', note: check.note, staffId: desk.staffId },
    });
    expect(JSON.stringify(rows[0]?.detail)).not.toContain(e.id);
  });

  it('bad input answers 400 and changes nothing: an unknown document kind, an empty or overlong note, a stray field', async () => {
    const e = await employer(svc);
    for (const body of [
      { documentKind: 'library_card', note: 'x' },
      { documentKind: 'passport', note: '   ' },
      { documentKind: 'passport', note: 'x'.repeat(501) },
      { documentKind: 'passport' },
      { documentKind: 'passport', note: 'ok', extra: 1 },
    ]) {
      const r = await desk.client.post(paths.reveal(e.ref), {
        ...body,
        stepUp: await desk.stepUp({ action: 'reveal_id', target: e.ref }),
      });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body).toMatchObject({ error: 'invalid_request' });
      expect(JSON.stringify(r.body)).not.toContain(e.id);
    }
    expect((await auditRows(svc, 'staff.id_revealed')).filter((row) => row.account_id === e.ref)).toEqual([]);
  });

  it("another office's employer answers 404 not_found like none at all, for reveal, unlock, reinstate and history; nothing changes", async () => {
    const theirs = await employer(svc, { office: SHINJUKU });
    await wrongPasswords(async () => ({ id: theirs.id }));
    for (const ref of [theirs.ref, 'no-such-ref']) {
      const answers = [
        await desk.client.post(paths.reveal(ref), {
          documentKind: 'passport',
          note: '確認',
          stepUp: await desk.stepUp({ action: 'reveal_id', target: ref }),
        }),
        await desk.client.post(paths.unlock(ref)),
        await desk.client.post(paths.reinstate(ref), {
          stepUp: await desk.stepUp({ action: 'reinstate', target: ref }),
        }),
        await desk.client.get(paths.history(ref)),
      ];
      for (const a of answers)
        expect({ status: a.status, body: a.body }).toEqual({
          status: 404,
          body: { error: 'not_found', message: expect.any(String) },
        });
    }
    expect((await lockState(svc.db, svc.clock, theirs.id)).lockedUntil).not.toBeNull();
    // their own office sees it, and IT staff may not use the counter's actions at all
    expect((await other.client.get<{ employers: unknown[] }>(paths.search(theirs.id))).body.employers).toHaveLength(1);
    const it = await signInStaff(svc, { role: 'it' });
    expect((await it.client.get(paths.search('a'))).body).toMatchObject({ error: 'staff_forbidden' });
    expect((await it.client.post(paths.unlock(theirs.ref))).status).toBe(403);
  });

  it("R-LOGIN-6: ロック解除 lifts the locks of every source — anywhere else, the owner's known browser, an office kiosk — and the employer signs in again", async () => {
    const e = await employer(svc);
    const owner = createClient(svc.url);
    await signIn(svc, owner, e.id, PASSWORD);
    const kiosk = await enrollKiosk(svc, { office: IIDABASHI });
    await wrongPasswords(async () => ({ id: e.id }));
    await wrongPasswords(
      async () => ({ id: e.id }),
      () => owner,
    );
    await wrongPasswords(async () => ({ id: e.id, attestation: await attest(svc, kiosk, e.id) }));
    const sources = await svc.db
      .selectFrom('login_failures')
      .select('source')
      .where('login_id', '=', e.id)
      .where('locked_until', 'is not', null)
      .execute();
    expect(sources.map((s) => s.source.slice(0, 2)).sort()).toEqual(['', 'b:', 't:']);
    expect((await owner.post(api.login.path, { id: e.id, password: PASSWORD })).status).toBe(423);

    const r = await desk.client.post(paths.unlock(e.ref));
    expect(r.status).toBe(204);
    expect(await svc.db.selectFrom('login_failures').selectAll().where('login_id', '=', e.id).execute()).toEqual([]);
    for (const body of [
      { id: e.id, password: PASSWORD },
      { id: e.id, password: PASSWORD, attestation: await attest(svc, kiosk, e.id) },
    ]) {
      expect((await createClient(svc.url).post(api.login.path, body)).status).toBe(200);
    }
    expect((await owner.post(api.login.path, { id: e.id, password: PASSWORD })).status).toBe(200);
    expect((await auditRows(svc, 'staff.unlocked')).filter((row) => row.account_id === e.ref)).toEqual([
      expect.objectContaining({
        staff_member_id: expect.any(String),
        detail: { wasLocked: true, staffId: desk.staffId },
      }),
    ]);
  });

  it("操作履歴 lists the employer's events newest first, as codes", async () => {
    const e = await employer(svc);
    await signIn(svc, createClient(svc.url), e.id, PASSWORD);
    svc.clock.advance(1000);
    await createClient(svc.url).post(api.login.path, { id: e.id, password: 'Wrong-pass1' });
    svc.clock.advance(1000);
    await desk.client.post(paths.unlock(e.ref));
    const r = await desk.client.get<{ events: Array<{ at: string; type: string }> }>(paths.history(e.ref));
    expect(r.status).toBe(200);
    expect(r.body.events.map((x) => x.type).slice(0, 2)).toEqual(['staff.unlocked', 'password.failed']);
    expect(r.body.events.map((x) => x.type)).toEqual(expect.arrayContaining(['login.succeeded', 'account.created']));
    expect(r.body.events.every((x) => !Number.isNaN(Date.parse(x.at)))).toBe(true);
  });
});

describe('staff console: the counter without a staff session', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ staff: true });
  });
  afterAll(() => svc.close());

  it('answers 401 staff_unauthenticated, and the employer listener does not serve the staff API', async () => {
    expect((await createStaffClient(svc).get(paths.search('a'))).body).toMatchObject({
      error: 'staff_unauthenticated',
    });
    expect((await createStaffClient(svc).post(paths.unlock('x'))).status).toBe(401);
    expect((await createClient(svc.url).get(paths.search('a'))).status).toBe(404);
  });
});
