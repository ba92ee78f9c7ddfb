import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { R_LOGIN_3_MAX_FAILED_PASSWORDS } from '../../../src-shared/rules.js';
import { createEmployer } from '../../../src-server/accounts/accounts.service.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { systemClock } from '../../../src-server/clock.js';
import type { Db } from '../../../src-server/db/schema.js';
import { rememberKnownBrowser } from '../../../src-server/login/known-browsers.service.js';
import { describeEachDatabase, postgresSkipReason } from '../../support/databases.js';
import { createClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { startTwoServes, type TwoServes } from '../../support/two-serves.js';
import { attest, enrollKiosk } from '../kiosk/kiosk-helpers.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';
import { countMails } from '../../support/test-mailbox.js';

const LOCK_SUBJECT = 'アカウントロック通知';
const tally = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});
const FIVE = { 401: R_LOGIN_3_MAX_FAILED_PASSWORDS - 1, 423: 40 - (R_LOGIN_3_MAX_FAILED_PASSWORDS - 1) };

const bySource = async (db: Db, id: string) =>
  (await db.selectFrom('login_failures').select(['source', 'failures']).where('login_id', '=', id).execute()).map(
    (r) => [r.source.slice(0, 2), r.failures],
  );
const lockMails = (db: Db, id: string) => countMails(db, id, LOCK_SUBJECT);
/** A marker as a sign-in would have issued it (the cookie's value). */
const markerFor = async (db: Db, id: string) =>
  (await rememberKnownBrowser(db, systemClock, (await findAccountByLoginId(db, id))!.id, undefined)).token;

describeEachDatabase('password tries per source, in parallel', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  it('R-LOGIN-6 (concurrency): 40 parallel wrong passwords from one known browser count 5 for that browser only, with one lock mail', async () => {
    const id = 'par-browser@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const token = await markerFor(svc.db, id);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        createClient(svc.url).post(
          api.login.path,
          { id, password: `Wrong-${i}!` },
          { headers: { cookie: `mypage_known=${token}` } },
        ),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual(FIVE);
    expect(await bySource(svc.db, id)).toEqual([['b:', R_LOGIN_3_MAX_FAILED_PASSWORDS]]);
    expect(await lockMails(svc.db, id)).toBe(1);
    expect((await createClient(svc.url).post(api.login.path, { id, password: PASSWORD })).body).toMatchObject({
      status: 'otp_required',
    });
  });

  it('R-LOGIN-6 (concurrency): 40 parallel wrong passwords from one attested terminal count 5 for that terminal only', async () => {
    const id = 'par-kiosk@example.jp';
    await svc.createEmployer({ id, password: PASSWORD });
    const k = await enrollKiosk(svc);
    const attestations = await Promise.all(Array.from({ length: 40 }, () => attest(svc, k, id)));
    const answers = await Promise.all(
      attestations.map((attestation, i) =>
        createClient(svc.url).post(api.login.path, { id, password: `Wrong-${i}!`, attestation }),
      ),
    );
    expect(tally(answers.map((a) => a.status))).toEqual(FIVE);
    expect(await bySource(svc.db, id)).toEqual([['t:', R_LOGIN_3_MAX_FAILED_PASSWORDS]]);
    expect(await lockMails(svc.db, id)).toBe(1);
  });
});

if (postgresSkipReason) console.warn(`[skipped] password sources on two service processes: ${postgresSkipReason}`);

describe.skipIf(postgresSkipReason !== undefined)(
  'password tries per source, two service processes on one PostgreSQL',
  { timeout: 120_000 },
  () => {
    let serves: TwoServes;
    let db: Db;
    let urls: string[] = [];

    beforeAll(async () => {
      serves = await startTwoServes();
      ({ db, urls } = serves);
    }, 120_000);

    afterAll(async () => {
      await serves?.close();
    });

    it('R-LOGIN-6, R-LOGIN-7 (concurrency): 40 parallel wrong passwords from one known browser across two processes count 5, mail once, and leave "anywhere else" its five', async () => {
      const id = 'two-browser@example.jp';
      await createEmployer(db, systemClock, { id, password: PASSWORD, company: 'C', office: 'O' });
      const token = await markerFor(db, id);
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          createClient(urls[i % 2]!).post(
            api.login.path,
            { id, password: `Wrong-${i}!` },
            { headers: { cookie: `mypage_known=${token}` } },
          ),
        ),
      );
      expect(tally(answers.map((a) => a.status))).toEqual(FIVE);
      expect(await bySource(db, id)).toEqual([['b:', R_LOGIN_3_MAX_FAILED_PASSWORDS]]);
      expect(await lockMails(db, id)).toBe(1);
      // the same from "anywhere else": its own five, its own single mail
      const strangers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          createClient(urls[i % 2]!).post(api.login.path, { id, password: `Wrong-${i}!` }),
        ),
      );
      expect(tally(strangers.map((a) => a.status))).toEqual(FIVE);
      expect((await bySource(db, id)).sort()).toEqual([
        ['', R_LOGIN_3_MAX_FAILED_PASSWORDS],
        ['b:', R_LOGIN_3_MAX_FAILED_PASSWORDS],
      ]);
      expect(await lockMails(db, id)).toBe(2);
    });
  },
);
