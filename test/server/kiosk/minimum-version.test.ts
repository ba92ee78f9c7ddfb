import { afterAll, beforeAll, expect, it } from 'vitest';
import { api } from '../../../src-shared/api/routes.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signInStaff, type StaffSession } from '../../support/staff.js';
import { auditRows, employer, IIDABASHI, paths, SHINJUKU } from '../staff-desk/desk-helpers.js';
import { attest, enrollKiosk, fetchNonce, signFor, type FakeKiosk } from './kiosk-helpers.js';
import { fillPath } from '../../../src-shared/host-calls.js';
import { staffApi } from '../../../src-shared/staff-api/routes.js';

const minimumPath = fillPath(staffApi.kioskMinimumVersion.path, {});
type Kiosk = { id: string; version: string | null; updateRequired: boolean; office: string };
type Page = {
  kiosks: Kiosk[];
  minimumVersion: { effective: string | null; configured: string | null; console: string | null };
};

describeEachDatabase('R-FLEET-1 the minimum kiosk version', (database) => {
  let svc: TestService;
  let it_: StaffSession;
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true, env: { KIOSK_MINIMUM_VERSION: '1.5.0' } });
    it_ = await signInStaff(svc, { role: 'it', name: '情報 太郎' });
  });
  afterAll(() => svc.close());

  const heartbeat = async (k: FakeKiosk, version: string) => {
    const nonce = await fetchNonce(svc, k.terminalId);
    return createClient(svc.url).post(api.kioskHeartbeat.path, {
      terminalId: k.terminalId,
      version,
      nonce,
      signature: signFor(k, nonce, { purpose: 'heartbeat' }),
    });
  };
  const row = (k: FakeKiosk) =>
    svc.db.selectFrom('kiosk_terminals').selectAll().where('id', '=', k.terminalId).executeTakeFirstOrThrow();
  const page = async (session: StaffSession = it_, query = '') => {
    const r = await session.client.get<Page>(`${paths.kiosks}${query}`);
    expect(r.status).toBe(200);
    return r.body;
  };
  const setMinimum = async (version: string) => {
    svc.clock.advance(1000); // audit rows in the order they happen
    return it_.client.post(minimumPath, {
      version,
      stepUp: await it_.stepUp({ action: 'set_kiosk_minimum_version', target: version }),
    });
  };

  it('R-FLEET-1: a heartbeat below the minimum is recorded, then refused 403 kiosk_update_required; at or above it, accepted', async () => {
    const k = await enrollKiosk(svc);
    for (const [version, status] of [
      ['1.4.9', 403],
      ['1.5.0-rc.1', 403],
      ['dev-build', 403],
      ['1.5.0', 204],
      ['1.5.0+ci.7', 204],
      ['1.10.0', 204],
    ] as const) {
      svc.clock.advance(1000);
      const r = await heartbeat(k, version);
      expect([version, r.status], version).toEqual([version, status]);
      if (status === 403)
        expect(r.body).toMatchObject({
          error: 'kiosk_update_required',
          message: 'この端末は更新が必要です。係員にお知らせください。',
        });
      // recorded either way: IT sees the terminal and the version it runs
      expect(await row(k)).toMatchObject({ version, last_seen_at: svc.clock.now().getTime() });
    }
  });

  it('R-FLEET-1: a kiosk login from a terminal whose last heartbeat reported an older build is refused; after an update it signs in', async () => {
    const k = await enrollKiosk(svc);
    const e = await employer(svc);
    expect((await heartbeat(k, '1.4.9')).status).toBe(403);
    const login = async () =>
      createClient(svc.url).post<{ status: string; kind?: string; error?: string }>(api.login.path, {
        id: e.id,
        password: PASSWORD,
        attestation: await attest(svc, k, e.id),
      });
    const refused = await login();
    expect([refused.status, refused.body.error]).toEqual([403, 'kiosk_update_required']);
    expect(await svc.db.selectFrom('sessions').select('id').where('terminal_id', '=', k.terminalId).execute()).toEqual(
      [],
    );
    expect((await heartbeat(k, '1.5.0')).status).toBe(204);
    expect((await login()).body).toMatchObject({ status: 'authenticated', kind: 'kiosk' });
  });

  it('R-FLEET-1: 最低バージョン asks for the passkey again, refuses what is not semver, is audited, and the higher minimum applies', async () => {
    const k = await enrollKiosk(svc, { label: '来所者端末 要更新' });
    expect((await heartbeat(k, '1.6.0')).status).toBe(204);
    expect((await page()).minimumVersion).toEqual({ effective: '1.5.0', configured: '1.5.0', console: null });

    // no passkey, or one for another value: nothing changes
    expect((await it_.client.post(minimumPath, { version: '2.0.0' })).body).toMatchObject({
      error: 'step_up_required',
    });
    const forOther = await it_.stepUp({ action: 'set_kiosk_minimum_version', target: '1.6.0' });
    expect((await it_.client.post(minimumPath, { version: '2.0.0', stepUp: forOther })).body).toMatchObject({
      error: 'step_up_required',
    });
    for (const version of ['v2.0.0', '2.0', '２.０.０', '']) {
      expect((await it_.client.post(minimumPath, { version })).body, version).toMatchObject({
        error: 'invalid_request',
      });
    }
    expect((await page()).minimumVersion.console).toBeNull();
    expect(await auditRows(svc, 'staff.kiosk_minimum_version_set')).toEqual([]);

    expect((await setMinimum('2.0.0')).status).toBe(204);
    const raised = await page();
    expect(raised.minimumVersion).toEqual({ effective: '2.0.0', configured: '1.5.0', console: '2.0.0' });
    expect(raised.kiosks.find((x) => x.id === k.terminalId)).toMatchObject({ version: '1.6.0', updateRequired: true });
    expect((await heartbeat(k, '1.6.0')).status).toBe(403);
    expect((await heartbeat(k, '2.0.0')).status).toBe(204);
    expect((await auditRows(svc, 'staff.kiosk_minimum_version_set')).at(-1)).toMatchObject({
      staff_member_id: expect.any(String),
      detail: { version: '2.0.0', previous: null, staffId: it_.staffId },
    });

    // below the deployment's floor: recorded, but the floor still applies
    expect((await setMinimum('1.0.0')).status).toBe(204);
    expect((await page()).minimumVersion).toEqual({ effective: '1.5.0', configured: '1.5.0', console: '1.0.0' });
    expect((await heartbeat(k, '1.4.0')).status).toBe(403);
    expect((await setMinimum('none')).status).toBe(204);
    expect((await page()).minimumVersion.console).toBeNull();
    expect((await auditRows(svc, 'staff.kiosk_minimum_version_set')).at(-1)?.detail).toMatchObject({
      version: null,
      previous: '1.0.0',
    });
  });

  it('R-FLEET-1: office staff see their own office’s terminals and 要更新, read only; they cannot set the minimum', async () => {
    const own = await enrollKiosk(svc, { office: SHINJUKU, label: '新宿 1' });
    await enrollKiosk(svc, { office: IIDABASHI, label: '飯田橋 他' });
    expect((await heartbeat(own, '1.0.0')).status).toBe(403);
    const clerk = await signInStaff(svc, { role: 'office', office: SHINJUKU, name: '窓口 花子' });
    const seen = await page(clerk, `?office=${encodeURIComponent(IIDABASHI)}`);
    expect(new Set(seen.kiosks.map((x) => x.office))).toEqual(new Set([SHINJUKU]));
    expect(seen.kiosks.find((x) => x.id === own.terminalId)).toMatchObject({ updateRequired: true });
    const tried = await clerk.client.post(minimumPath, {
      version: '0.1.0',
      stepUp: await clerk.stepUp({ action: 'set_kiosk_minimum_version', target: '0.1.0' }),
    });
    expect([tried.status, tried.body]).toMatchObject([403, { error: 'staff_forbidden' }]);
  });

  it('R-FLEET-1: 端末一覧 sorts by version in semver order, not as text', async () => {
    const office = '品川公共職業安定所';
    const versions = ['1.10.0', '1.9.0', '1.10.0-rc.1', '1.9.10'];
    for (const [i, v] of versions.entries()) {
      const k = await enrollKiosk(svc, { office, label: `版 ${i}` });
      await heartbeat(k, v);
    }
    const sorted = await page(it_, `?office=${encodeURIComponent(office)}&sort=version&direction=ascending`);
    expect(sorted.kiosks.map((x) => x.version)).toEqual(['1.9.0', '1.9.10', '1.10.0-rc.1', '1.10.0']);
  });
});
