import { sign, verify, createPublicKey } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { companySearchKey } from '../../../src-server/accounts/company-search.js';
import { openVolumeDatabase, type VolumeDatabase } from '../../../bench/lib/volume-dataset.js';
import { bigSizes } from '../../../bench/lib/volume-sizes.js';
import { AUDIT_DAYS, DAY_MS } from '../../../bench/lib/volume-sql.js';
import { accountIdOf, loginIdOf, officeOfAccount } from '../../../bench/lib/volume-table-accounts.js';
import { machineIdHashOf, terminalIdOf, terminalPrivateKey } from '../../../bench/lib/volume-table-terminals.js';
import { describeEachDatabase } from '../../support/databases.js';

// The bench's nationwide data set (bench/phases/volume.ts) at a ten-thousandth of its size: the
// generator's SQL must keep making what the bench relies on as migrations change.
describeEachDatabase('bench: the volume data set generator', (database) => {
  const sizes = bigSizes(database, 0.0001);
  let v: VolumeDatabase;
  beforeAll(async () => {
    v = await openVolumeDatabase(database, sizes, { cache: false });
  }, 60_000);
  afterAll(() => v?.drop());

  const count = async (table: string, where = 'true') =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(v.db))
        .rows[0]?.n,
    );

  it('fills every table with its size (the decoy account and office of migration 0005 besides)', async () => {
    expect(await count('offices')).toBe(sizes.offices + 1);
    expect(await count('accounts')).toBe(sizes.accounts + 1);
    expect(await count('kiosk_terminals')).toBe(sizes.terminals);
    expect(await count('audit_events')).toBe(sizes.audit);
    expect(await count('known_browsers')).toBe(sizes.knownBrowsers);
    expect(await count('device_trusts')).toBe(sizes.deviceTrusts);
    expect(await count('login_challenges')).toBe(sizes.challenges);
    expect(await count('sessions')).toBe(sizes.sessions);
    expect(await count('budget_events')).toBe(sizes.budgetEvents);
    // 端末一覧's count of the forged attestations: per source and hour, and each hour's total.
    expect(await count('attestation_source_failures', "source = '*'")).toBe(sizes.forgedAttestations > 0 ? 24 : 0);
    expect(await count('terminal_failures')).toBe(0);
    expect(v.meta.sizes).toEqual(sizes);
  });

  it('binds every row to rows that exist: offices, accounts', async () => {
    expect(await count('accounts', 'office_id not in (select id from offices)')).toBe(0);
    expect(await count('kiosk_terminals', 'office_id not in (select id from offices)')).toBe(0);
    for (const t of ['known_browsers', 'device_trusts', 'login_challenges', 'sessions'])
      expect(await count(t, 'account_id not in (select id from accounts)')).toBe(0);
    expect(await count('audit_events', 'account_id is not null and account_id not in (select id from accounts)')).toBe(
      0,
    );
    // Offices are spread: most of them have employers even at this size.
    const used = await sql<{ n: number }>`select count(distinct office_id) as n from accounts`.execute(v.db);
    expect(Number(used.rows[0]?.n)).toBeGreaterThan(Math.min(sizes.accounts, sizes.offices) / 2);
  });

  it('makes the IDs, offices and keys the bench computes in JavaScript', async () => {
    for (const k of [1, 2, 3, 4, 7, sizes.accounts]) {
      const row = await v.db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', accountIdOf(k))
        .executeTakeFirstOrThrow();
      expect(row.login_id).toBe(loginIdOf(k));
      expect(row.office_id).toBe(officeOfAccount(k, sizes.offices));
      expect(row.company).toMatch(/株式会社|有限会社|合同会社|\(株\)/);
      // 求人者検索 finds it: the stored key is the service's own of the name.
      expect(row.company_search).toBe(companySearchKey(row.company));
    }
    const t = await v.db
      .selectFrom('kiosk_terminals')
      .selectAll()
      .where('id', '=', terminalIdOf(3))
      .executeTakeFirstOrThrow();
    expect(t.machine_id_hash).toBe(machineIdHashOf(3));
    const message = Buffer.from('heartbeat');
    expect(
      verify(
        null,
        message,
        createPublicKey({ key: Buffer.from(t.public_key, 'base64'), format: 'der', type: 'spki' }),
        sign(null, message, terminalPrivateKey),
      ),
    ).toBe(true);
  });

  it('spreads the audit rows over 400 days, and the forged attestations over the last day', async () => {
    const span = await sql<{ lo: number; hi: number }>`select min(at) as lo, max(at) as hi from audit_events`.execute(
      v.db,
    );
    const { lo, hi } = span.rows[0] ?? { lo: 0, hi: 0 };
    expect(v.meta.builtAt - Number(lo)).toBeGreaterThan((AUDIT_DAYS - 2) * DAY_MS);
    expect(v.meta.builtAt - Number(lo)).toBeLessThanOrEqual(AUDIT_DAYS * DAY_MS);
    expect(Number(hi)).toBeLessThan(v.meta.builtAt);
    expect(await count('audit_events', `type = 'kiosk.attestation_failed' and at >= ${v.meta.builtAt - DAY_MS}`)).toBe(
      sizes.forgedAttestations,
    );
    const types = await sql<{ n: number }>`select count(distinct type) as n from audit_events`.execute(v.db);
    expect(Number(types.rows[0]?.n)).toBeGreaterThan(5);
  });
});
