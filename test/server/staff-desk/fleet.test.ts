import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signInStaff, type StaffSession } from '../../support/staff.js';
import { attest, enrollKiosk, fetchNonce, newKeyPair, signFor, type FakeKiosk } from '../kiosk/kiosk-helpers.js';
import { auditRows, DAY_MS, employer, IIDABASHI, paths, SHINJUKU } from './desk-helpers.js';
import { api } from '../../../src-shared/api/routes.js';

const MINUTE = 60_000;
type Kiosk = {
  id: string;
  state: string;
  attestationFailures24h: number;
  lastHeartbeatAt: string | null;
  label: string;
  office: string;
};

describeEachDatabase('staff console: the fleet, enrollment codes and the audit log (IT staff)', (database) => {
  let svc: TestService;
  let it_: StaffSession;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
    it_ = await signInStaff(svc, { role: 'it', name: '情報 太郎' });
  });
  afterAll(() => svc.close());

  const kiosks = async () => {
    const r = await it_.client.get<{ kiosks: Kiosk[] }>(paths.kiosks);
    expect(r.status).toBe(200);
    return new Map(r.body.kiosks.map((k) => [k.id, k]));
  };
  const heartbeat = async (k: FakeKiosk) => {
    const nonce = await fetchNonce(svc, k.terminalId);
    return createClient(svc.url).post(api.kioskHeartbeat.path, {
      terminalId: k.terminalId,
      version: '1.0.0',
      nonce,
      signature: signFor(k, nonce, { purpose: 'heartbeat' }),
    });
  };

  it('端末一覧: 正常 while heartbeats come, 応答なし after 10 minutes without one, attestation failures of the last 24 h', async () => {
    const beating = await enrollKiosk(svc, { label: '来所者端末 A' });
    const silent = await enrollKiosk(svc, { label: '来所者端末 B', office: SHINJUKU });
    const e = await employer(svc);
    expect((await heartbeat(beating)).status).toBe(204);
    // the terminal's own signature replayed over its spent nonce: a failure of that terminal (issue 20)
    const attestation = await attest(svc, beating, e.id);
    await createClient(svc.url).post(api.login.path, { id: e.id, password: PASSWORD, attestation });
    await createClient(svc.url).post(api.login.path, { id: e.id, password: PASSWORD, attestation });

    let list = await kiosks();
    expect(list.get(beating.terminalId)).toMatchObject({
      state: 'ok',
      attestationFailures24h: 1,
      label: '来所者端末 A',
      office: IIDABASHI,
      lastHeartbeatAt: svc.clock.now().toISOString(),
    });
    expect(list.get(silent.terminalId)).toMatchObject({
      state: 'ok',
      attestationFailures24h: 0,
      lastHeartbeatAt: null,
      office: SHINJUKU,
    });

    svc.clock.advance(10 * MINUTE - 1);
    expect((await kiosks()).get(beating.terminalId)?.state).toBe('ok');
    svc.clock.advance(1);
    list = await kiosks();
    expect([list.get(beating.terminalId)?.state, list.get(silent.terminalId)?.state]).toEqual([
      'unresponsive',
      'unresponsive',
    ]);
    expect((await heartbeat(beating)).status).toBe(204);
    expect((await kiosks()).get(beating.terminalId)?.state).toBe('ok');

    svc.clock.advance(DAY_MS);
    it_ = await signInStaff(svc, { role: 'it', name: '情報 太郎' });
    expect((await kiosks()).get(beating.terminalId)?.attestationFailures24h).toBe(0);
  });

  it('失効させる asks for the passkey again; the visitor on the kiosk is logged out at their next call, and the terminal gets no nonce', async () => {
    const k = await enrollKiosk(svc);
    const e = await employer(svc);
    const login = await createClient(svc.url).post<{ token: string }>(api.login.path, {
      id: e.id,
      password: PASSWORD,
      attestation: await attest(svc, k, e.id),
    });
    const home = () =>
      createClient(svc.url).get(api.home.path, { headers: { authorization: `Bearer ${login.body.token}` } });
    expect((await home()).status).toBe(200);

    expect((await it_.client.post(paths.revoke(k.terminalId), {})).body).toMatchObject({ error: 'step_up_required' });
    const stepUp = await it_.stepUp({ action: 'revoke_kiosk', target: k.terminalId });
    expect(
      (await it_.client.post(paths.revoke(k.terminalId), { stepUp: { ...stepUp, id: 'bm90LW1pbmU' } })).body,
    ).toMatchObject({ error: 'step_up_required' });
    expect((await home()).status).toBe(200);
    expect(
      (
        await it_.client.post(paths.revoke(k.terminalId), {
          stepUp: await it_.stepUp({ action: 'revoke_kiosk', target: k.terminalId }),
        })
      ).status,
    ).toBe(204);
    expect((await home()).status).toBe(401);
    expect((await createClient(svc.url).post(api.kioskNonce.path, { terminalId: k.terminalId })).body).toMatchObject({
      error: 'attestation_invalid',
    });
    expect((await kiosks()).get(k.terminalId)?.state).toBe('revoked');
    expect((await auditRows(svc, 'staff.kiosk_revoked')).filter((a) => a.detail.terminalId === k.terminalId)).toEqual([
      expect.objectContaining({
        staff_member_id: expect.any(String),
        detail: { terminalId: k.terminalId, staffId: it_.staffId },
      }),
    ]);
    expect(
      (
        await it_.client.post(paths.revoke('no-such-terminal'), {
          stepUp: await it_.stepUp({ action: 'revoke_kiosk', target: 'no-such-terminal' }),
        })
      ).body,
    ).toMatchObject({ error: 'not_found' });
  });

  it('R-KIOSK-5: 登録コードを発行 asks for the passkey again and gives a code a kiosk enrolls with; bad input answers 400 and issues nothing', async () => {
    const codesNow = async () => (await svc.db.selectFrom('enrollment_codes').select('code_hash').execute()).length;
    const officesNow = async () => (await svc.db.selectFrom('offices').select('id').execute()).length;
    const before = await codesNow();
    // the IT session cookie alone mints nothing: no stepUp, or another passkey's
    expect((await it_.client.post(paths.codes, { office: IIDABASHI, label: '2階 窓口横' })).body).toMatchObject({
      error: 'step_up_required',
    });
    const foreign = await it_.stepUp({ action: 'issue_enrollment_code', target: IIDABASHI });
    expect(
      (
        await it_.client.post(paths.codes, {
          office: IIDABASHI,
          label: '2階 窓口横',
          stepUp: { ...foreign, id: 'bm90LW1pbmU' },
        })
      ).body,
    ).toMatchObject({ error: 'step_up_required' });
    expect(await codesNow()).toBe(before);

    const r = await it_.client.post<{ code: string; expiresAt: string }>(paths.codes, {
      office: IIDABASHI,
      label: '2階 窓口横',
      stepUp: await it_.stepUp({ action: 'issue_enrollment_code', target: IIDABASHI }),
    });
    expect(r.status).toBe(200);
    expect(Date.parse(r.body.expiresAt) - svc.clock.now().getTime()).toBe(DAY_MS);
    const enrolled = await createClient(svc.url).post<{ terminalId: string }>(api.kioskEnroll.path, {
      code: r.body.code,
      publicKey: newKeyPair().publicKey,
      machineIdHash: 'a'.repeat(64),
    });
    expect(enrolled.status).toBe(201);
    expect((await kiosks()).get(enrolled.body.terminalId)).toMatchObject({ label: '2階 窓口横', office: IIDABASHI });

    // an office not in GET /offices (a typo) makes no office and no code
    const offices = await officesNow();
    const typo = await it_.client.post(paths.codes, {
      office: '飯田橋公共職業安定署',
      label: 'x',
      stepUp: await it_.stepUp({ action: 'issue_enrollment_code', target: '飯田橋公共職業安定署' }),
    });
    expect([typo.status, typo.body]).toMatchObject([400, { error: 'office_unknown' }]);
    expect(await officesNow()).toBe(offices);
    for (const body of [
      { office: IIDABASHI, label: '  ' },
      { office: '', label: 'x' },
      { office: IIDABASHI },
      { office: IIDABASHI, label: 'x', extra: true },
    ]) {
      expect((await it_.client.post(paths.codes, body)).body, JSON.stringify(body)).toMatchObject({
        error: 'invalid_request',
      });
    }
    expect(await codesNow()).toBe(before + 1);
    expect((await auditRows(svc, 'staff.enrollment_code_issued')).at(-1)).toMatchObject({
      staff_member_id: expect.any(String),
      detail: { office: IIDABASHI, label: '2階 窓口横', staffId: it_.staffId },
    });
  });

  it('監査ログ pages newest first with before/limit, every row once, naming the staff member who acted', async () => {
    const total = (await svc.db.selectFrom('audit_events').select('id').execute()).length;
    const seen: Array<{
      at: string;
      type: string;
      staffId: string | null;
      staffName: string | null;
      detail: Record<string, unknown>;
    }> = [];
    let before: string | null = null;
    do {
      const query: string = before ? `?limit=7&before=${encodeURIComponent(before)}` : '?limit=7';
      const page = await it_.client.get<{ events: typeof seen; nextBefore: string | null }>(paths.audit(query));
      expect(page.status).toBe(200);
      expect(page.body.events.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.events);
      before = page.body.nextBefore;
    } while (before);
    expect(seen).toHaveLength(total);
    expect(seen.map((e) => e.at)).toEqual([...seen.map((e) => e.at)].sort().reverse());
    expect(seen.find((e) => e.type === 'staff.enrollment_code_issued')).toMatchObject({
      staffId: it_.staffId,
      staffName: '情報 太郎',
      detail: { office: IIDABASHI, label: '2階 窓口横' },
    });
    expect(seen.find((e) => e.type === 'kiosk.enrolled')).toMatchObject({ staffId: null, staffName: null });
    expect((await it_.client.get(paths.audit('?limit=0'))).body).toMatchObject({ error: 'invalid_request' });
    expect((await it_.client.get(paths.audit('?before=yesterday'))).body).toMatchObject({ error: 'invalid_request' });
  });

  it("office staff may not use IT's actions, and read only their office's 端末一覧 (R-FLEET-2); offices: IT sees every office, office staff their own", async () => {
    const desk = await signInStaff(svc, { role: 'office', office: SHINJUKU });
    for (const answer of [
      await desk.client.get(paths.audit()),
      await desk.client.post(paths.codes, { office: SHINJUKU, label: 'x' }),
      await desk.client.post(paths.revoke('any-terminal'), {}),
    ]) {
      expect(answer.body).toMatchObject({ error: 'staff_forbidden' });
    }
    // R-FLEET-2: 端末一覧 is theirs to read, their own office only
    const own = await desk.client.get<{ kiosks: Array<{ office: string }>; offices: string[] }>(paths.kiosks);
    expect(own.status).toBe(200);
    expect(own.body.offices).toEqual([SHINJUKU]);
    expect(own.body.kiosks.every((k) => k.office === SHINJUKU)).toBe(true);
    expect((await desk.client.get(paths.offices)).body).toEqual({ offices: [SHINJUKU] });
    const all = (await it_.client.get<{ offices: string[] }>(paths.offices)).body.offices;
    expect(all).toEqual(expect.arrayContaining([IIDABASHI, SHINJUKU]));
    expect(all.some((o) => o.includes('stand-in'))).toBe(false);
  });
});
