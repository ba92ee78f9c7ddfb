import { afterAll, beforeAll, expect, it } from 'vitest';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { DEMO, seedDemo } from '../../../src-server/home/demo-seed.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signIn } from '../../support/sign-in.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';

describeEachDatabase('home', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  it('R-HOME-1: the seed example (株式会社 ハローワークア, 100 new messages, 一般 3件 9名) comes from the tables', async () => {
    expect(await seedDemo(svc.db, svc.clock)).toBe(true);
    expect(await seedDemo(svc.db, svc.clock)).toBe(false);
    const browser = createClient(svc.url);
    await signIn(svc, browser, DEMO.id, DEMO.password);
    const home = await browser.get(api.home.path);
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('no-store');
    expect(home.body).toEqual({
      company: '株式会社 ハローワークア',
      office: '飯田橋公共職業安定所',
      newMessages: 100,
      postings: [
        { category: 'general', openings: 3, hires: 9 },
        { category: 'student', openings: 0, hires: 0 },
        { category: 'disabled', openings: 0, hires: 0 },
      ],
    });
  });

  it('R-HOME-1: the figures follow the rows (a read message, a new posting)', async () => {
    await svc.createEmployer({
      id: 'rows@example.jp',
      password: PASSWORD,
      company: '有限会社 テスト',
      office: '渋谷公共職業安定所',
    });
    const account = (await findAccountByLoginId(svc.db, 'rows@example.jp'))!;
    const now = svc.clock.now().getTime();
    await svc.db
      .insertInto('messages')
      .values([
        { id: 'm1', account_id: account.id, subject: 's', body: 'b', created_at: now, read_at: null },
        { id: 'm2', account_id: account.id, subject: 's', body: 'b', created_at: now, read_at: now },
      ])
      .execute();
    await svc.db
      .insertInto('job_postings')
      .values([
        { id: 'p1', account_id: account.id, category: 'student', title: 't', hires: 2, created_at: now },
        { id: 'p2', account_id: account.id, category: 'disabled', title: 't', hires: 0, created_at: now },
        { id: 'p3', account_id: account.id, category: 'disabled', title: 't', hires: 1, created_at: now },
      ])
      .execute();
    const browser = await svc.as('rows@example.jp');
    expect((await browser.get(api.home.path)).body).toEqual({
      company: '有限会社 テスト',
      office: '渋谷公共職業安定所',
      newMessages: 1,
      postings: [
        { category: 'general', openings: 0, hires: 0 },
        { category: 'student', openings: 1, hires: 2 },
        { category: 'disabled', openings: 2, hires: 1 },
      ],
    });
  });

  it('R-HOME-1: without a session the home answers 401 unauthenticated', async () => {
    const r = await createClient(svc.url).get(api.home.path);
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error: 'unauthenticated' });
  });
});
