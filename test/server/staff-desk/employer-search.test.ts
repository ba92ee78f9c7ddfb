import { afterAll, beforeAll, expect, it } from 'vitest';
import { searchByCompany } from '../../../src-server/staff-desk/employer-search.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signInStaff, type StaffSession } from '../../support/staff.js';
import { employer, IIDABASHI, paths, SHINJUKU } from './desk-helpers.js';

type Page = { employers: Array<{ ref: string; company: string }>; nextAfter: string | null };

describeEachDatabase('staff console: 求人者検索 by the normalised company name, paged (issue 18)', (database) => {
  let svc: TestService;
  let desk: StaffSession;
  let target: { id: string; ref: string };
  beforeAll(async () => {
    svc = await startTestService({ database, staff: true });
    desk = await signInStaff(svc, { role: 'office', office: IIDABASHI });
    target = await employer(svc, { company: '株式会社ハローワーク' });
    await employer(svc, { company: '株式会社ハローワーク', office: SHINJUKU });
  });
  afterAll(() => svc.close());

  const search = async (q: string, extra = '') => {
    const r = await desk.client.get<Page>(`${paths.search(q)}${extra}`);
    expect(r.status, q).toBe(200);
    return r.body;
  };

  it('はろーわーく, ﾊﾛｰﾜｰｸ, ㈱ハローワーク, ハロー ワーク and two characters find 株式会社ハローワーク; never the other office’s', async () => {
    for (const q of ['はろーわーく', 'ﾊﾛｰﾜｰｸ', '㈱ハローワーク', 'ハロー ワーク', '（株）はろー', 'ワーク', 'ワー'])
      expect((await search(q)).employers, q).toEqual([
        expect.objectContaining({ ref: target.ref, company: '株式会社ハローワーク', office: IIDABASHI }),
      ]);
    expect((await search('はろーわーくす')).employers).toEqual([]);
    // nothing but a legal-entity mark: the company part is empty, only an exact ID would be found
    expect((await search('株式会社')).employers).toEqual([]);
    // the stored column is the normalised name (what the indexes hold)
    const row = await svc.db
      .selectFrom('accounts')
      .select('company_search')
      .where('id', '=', target.ref)
      .executeTakeFirstOrThrow();
    expect(row.company_search).toBe('はろーわーく');
  });

  it('pages with nextAfter: every match once, in name order, however many share the name; the exact ID comes first', async () => {
    const names = ['有限会社ﾐﾄﾞﾘ商会', 'みどり商会', 'ミドリ商会', '㈱みどり建設', 'みどり 電機', 'ミドリ', 'みどり%_'];
    const made: string[] = [];
    for (const company of names) made.push((await employer(svc, { company })).ref);
    await employer(svc, { company: 'みどり商会', office: SHINJUKU });
    for (const q of ['みどり', 'ミド', 'み']) {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const body: Page = await search(q, `&limit=2${after ? `&after=${after}` : ''}`);
        expect(body.employers.length).toBeLessThanOrEqual(2);
        seen.push(...body.employers.map((e) => e.ref));
        after = body.nextAfter;
        pages++;
      } while (after);
      expect(new Set(seen).size, q).toBe(seen.length);
      expect([...seen].sort(), q).toEqual([...made].sort());
      expect(pages, q).toBe(4);
    }
    // the exact ID on the first page, before the name matches, and not again on a later one
    const first = made[3] ?? '';
    const id = (
      await svc.db.selectFrom('accounts').select('login_id').where('id', '=', first).executeTakeFirstOrThrow()
    ).login_id;
    expect((await search(id)).employers.map((e) => e.ref)).toEqual([first]);
    expect((await desk.client.get(`${paths.search('みどり')}&after=not*base64`)).body).toMatchObject({
      error: 'invalid_request',
    });
    expect((await desk.client.get(`${paths.search('みどり')}&after=bm9wZQ`)).body).toMatchObject({
      error: 'invalid_request',
    });
  });

  it('across every office (no office scope) the substring index answers: trigram GIN on PostgreSQL, FTS5 trigram on SQLite', async () => {
    const found = await searchByCompany(svc.db, database, {
      officeId: null,
      key: 'ろーわー',
      after: null,
      exceptId: null,
      now: svc.clock.now().getTime(),
      limit: 10,
    });
    expect(found.map((r) => r.company)).toEqual(['株式会社ハローワーク', '株式会社ハローワーク']);
    expect(new Set(found.map((r) => r.office))).toEqual(new Set([IIDABASHI, SHINJUKU]));
    const short = await searchByCompany(svc.db, database, {
      officeId: null,
      key: 'ろー',
      after: null,
      exceptId: null,
      now: svc.clock.now().getTime(),
      limit: 10,
    });
    expect(short).toHaveLength(2);
  });
});
