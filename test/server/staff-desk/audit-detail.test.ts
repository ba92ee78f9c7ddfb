import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import { EMAIL_CHANGE_KEY_SUBJECT } from '../../../src-server/recovery/recovery-mails.js';
import { describeEachDatabase } from '../../support/databases.js';
import { PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signInStaff, UNPROVEN_PASSKEY_RESPONSE, type StaffSession } from '../../support/staff.js';
import { employer, paths } from './desk-helpers.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';

type Entry = { type: string; detail: Record<string, unknown> };

describeEachDatabase('staff console: 監査ログ and 操作履歴 never show login IDs, addresses or notes', (database) => {
  let svc: TestService;
  let it_: StaffSession;
  let desk: StaffSession;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
    it_ = await signInStaff(svc, { role: 'it' });
    desk = await signInStaff(svc, { role: 'office' });
  });
  afterAll(() => svc.close());

  const wholeLog = async () => {
    const r = await it_.client.get<{ events: Entry[] }>(paths.audit('?limit=200'));
    expect(r.status).toBe(200);
    return r.body.events;
  };

  it('an ID change and an ID shown at the counter: the log says what happened, without the old ID, the new one or the note', async () => {
    const e = await employer(svc);
    const newId = `moved-${Date.now()}@example.jp`;
    const here = await svc.as(e.id);
    expect((await here.post(api.emailChange.path, { newId, password: PASSWORD })).status).toBe(202);
    expect(
      (await here.post(api.emailConfirm.path, { key: await svc.mail.latestCode(newId, EMAIL_CHANGE_KEY_SUBJECT) }))
        .status,
    ).toBe(204);
    const note = '運転免許証 第123456789012号 氏名 山田太郎';
    const shown = await desk.client.post(paths.reveal(e.ref), {
      documentKind: 'drivers_license',
      note,
      stepUp: await desk.stepUp({ action: 'reveal_id', target: e.ref }),
    });
    expect(shown.body).toEqual({ loginId: newId });

    const log = await wholeLog();
    const text = JSON.stringify(log);
    for (const secret of [e.id, newId, note, '123456789012']) expect(text).not.toContain(secret);
    expect(log.find((x) => x.type === 'settings.email_changed')?.detail).toEqual({});
    expect(log.find((x) => x.type === 'staff.id_revealed')?.detail).toEqual({
      staffId: desk.staffId,
      documentKind: 'drivers_license',
      noteRecorded: true,
    });
    expect(log.find((x) => x.type === 'staff.enrollment_code_issued')).toBeUndefined();
  });

  it("a staff sign-in with a typed unknown ID shows the reason, not what was typed; the employer's 操作履歴 is codes and times only", async () => {
    const typed = 'ab@example.jp';
    await it_.client.post(staffApi.loginVerify.path, {
      staffId: typed,
      response: UNPROVEN_PASSKEY_RESPONSE,
    });
    const log = await wholeLog();
    expect(JSON.stringify(log)).not.toContain(typed.toUpperCase());
    expect(log.find((x) => x.type === 'staff.login_failed')?.detail).toEqual({ reason: expect.any(String) });

    const e = await employer(svc);
    await svc.as(e.id);
    const history = await desk.client.get<{ events: Array<Record<string, unknown>> }>(paths.history(e.ref));
    expect(history.status).toBe(200);
    expect(history.body.events.length).toBeGreaterThan(0);
    for (const event of history.body.events) expect(Object.keys(event).sort()).toEqual(['at', 'type']);
    expect(JSON.stringify(history.body)).not.toContain(e.id);
  });
});
