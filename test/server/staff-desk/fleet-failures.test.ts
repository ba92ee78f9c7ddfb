import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_KIOSK_2_NONCE_TTL_MS } from '../../../src-shared/rules.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signInStaff, type StaffSession } from '../../support/staff.js';
import { attest, enrollKiosk, fetchNonce, newKeyPair, signFor, type FakeKiosk } from '../kiosk/kiosk-helpers.js';
import { auditRows, employer, IIDABASHI, paths, SHINJUKU } from './desk-helpers.js';
import { api } from '../../../src-shared/api/routes.js';

type Kiosk = { id: string; label: string; office: string; attestationFailures24h: number; state: string };
type KiosksPage = {
  kiosks: Kiosk[];
  total: number;
  all: number;
  nextOffset: number | null;
  offices: string[];
  unverifiedAttempts: { total: number; sources: Array<{ source: string; failures: number }> };
};

describeEachDatabase(
  'staff console: whose attestation failure, and 端末一覧 paged on the server (issues 18, 20)',
  (database) => {
    let svc: TestService;
    let it_: StaffSession;
    beforeAll(async () => {
      svc = await startTestService({ database, staff: true });
      it_ = await signInStaff(svc, { role: 'it' });
    });
    afterAll(() => svc.close());

    const page = async (query = '') => {
      const r = await it_.client.get<KiosksPage>(`${paths.kiosks}${query}`);
      expect(r.status, query).toBe(200);
      return r.body;
    };
    const failuresOf = async (k: FakeKiosk) =>
      (await page('?limit=500')).kiosks.find((x) => x.id === k.terminalId)?.attestationFailures24h;
    const login = (id: string, attestation: { terminalId: string; nonce: string; signature: string }) =>
      createClient(svc.url).post<{ status: string }>(api.login.path, { id, password: PASSWORD, attestation });
    const terminalRows = (k: FakeKiosk) =>
      svc.db.selectFrom('terminal_failures').selectAll().where('terminal_id', '=', k.terminalId).execute();

    it('R-KIOSK-2, R-KIOSK-7: forged signatures and made-up nonces naming a terminal are not its failures; they count per source address, apart', async () => {
      const k = await enrollKiosk(svc);
      const e = await employer(svc);
      const stranger = { ...k, privateKey: newKeyPair().privateKey };
      const before = (await page()).unverifiedAttempts.total;
      const fresh = await fetchNonce(svc, k.terminalId);
      const forged = [
        // a fresh nonce of the terminal (anyone may ask for one) signed by another key
        {
          terminalId: k.terminalId,
          nonce: fresh,
          signature: signFor(stranger, fresh, { purpose: 'login', loginId: e.id }),
        },
        // a made-up nonce, another key
        {
          terminalId: k.terminalId,
          nonce: 'bWFkZS11cA',
          signature: signFor(stranger, 'bWFkZS11cA', { purpose: 'login', loginId: e.id }),
        },
        // a heartbeat's signature spent as a login (R-KIOSK-7)
        await (async () => {
          const n = await fetchNonce(svc, k.terminalId);
          return { terminalId: k.terminalId, nonce: n, signature: signFor(k, n, { purpose: 'heartbeat' }) };
        })(),
      ];
      for (const a of forged) expect((await login(e.id, a)).body.status).toBe('otp_required');

      expect(await terminalRows(k)).toEqual([]);
      expect(await failuresOf(k)).toBe(0);
      const after = (await page()).unverifiedAttempts;
      expect(after.total - before).toBe(3);
      expect(after.sources).toEqual([expect.objectContaining({ source: expect.any(String), failures: after.total })]);
      const rows = (await auditRows(svc, 'kiosk.attestation_failed')).filter(
        (r) => r.detail.terminalId === k.terminalId,
      );
      expect(rows.map((r) => r.detail.keyUsed)).toEqual([undefined, undefined, undefined]);
    });

    it("R-KIOSK-2: the terminal's own signature over a spent or expired nonce is that terminal's failure", async () => {
      const k = await enrollKiosk(svc, { label: '再送端末' });
      const e = await employer(svc);
      const sources = (await page()).unverifiedAttempts.total;
      const attestation = await attest(svc, k, e.id);
      expect((await login(e.id, attestation)).status).toBe(200);
      expect((await login(e.id, attestation)).body.status).toBe('otp_required'); // the nonce is spent
      const late = await attest(svc, k, e.id);
      svc.clock.advance(R_KIOSK_2_NONCE_TTL_MS);
      expect((await login(e.id, late)).body.status).toBe('otp_required'); // expired
      expect(await terminalRows(k)).toEqual([expect.objectContaining({ failures: 2 })]);
      expect(await failuresOf(k)).toBe(2);
      expect((await page()).unverifiedAttempts.total).toBe(sources);
      const mine = (await auditRows(svc, 'kiosk.attestation_failed')).filter(
        (r) => r.detail.terminalId === k.terminalId,
      );
      expect(mine.map((r) => r.detail)).toEqual([
        { reason: 'nonce_invalid', terminalId: k.terminalId, keyUsed: true },
        { reason: 'nonce_invalid', terminalId: k.terminalId, keyUsed: true },
      ]);
    });

    it('端末一覧 sorts, filters and pages on the server: every terminal once, in order, with the counts and the offices', async () => {
      for (const [label, office] of [
        ['A-1', IIDABASHI],
        ['B-2', SHINJUKU],
        ['C-3', IIDABASHI],
        ['D-4', SHINJUKU],
        ['E-5', IIDABASHI],
      ] as const)
        await enrollKiosk(svc, { label, office });
      const all = await page('?limit=500');
      expect(all.total).toBe(all.all);
      expect(all.offices).toEqual([IIDABASHI, SHINJUKU].sort());
      const seen: Kiosk[] = [];
      let offset: number | null = 0;
      do {
        const p: KiosksPage = await page(`?sort=label&direction=descending&limit=2&offset=${offset}`);
        expect(p.kiosks.length).toBeLessThanOrEqual(2);
        seen.push(...p.kiosks);
        offset = p.nextOffset;
      } while (offset !== null);
      expect(seen.map((k) => k.id).sort()).toEqual(all.kiosks.map((k) => k.id).sort());
      const labels = seen.map((k) => k.label);
      expect(labels).toEqual([...labels].sort().reverse());

      const shinjuku = await page(`?office=${encodeURIComponent(SHINJUKU)}&sort=label`);
      expect(shinjuku.kiosks.map((k) => k.label)).toEqual(['B-2', 'D-4']);
      expect([shinjuku.total, shinjuku.all]).toEqual([2, all.all]);
      const byFailures = await page('?sort=attestationFailures24h&direction=descending&limit=1');
      expect(byFailures.kiosks[0]).toMatchObject({ label: '再送端末', attestationFailures24h: 2 });
      for (const bad of ['?sort=company', '?direction=up', '?limit=0', '?offset=-1'])
        expect((await it_.client.get(`${paths.kiosks}${bad}`)).body, bad).toMatchObject({ error: 'invalid_request' });
    });
  },
);
