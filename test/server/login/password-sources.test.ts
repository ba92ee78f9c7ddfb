import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  R_LOGIN_3_LOCK_MS,
  R_LOGIN_3_MAX_FAILED_PASSWORDS,
  R_LOGIN_6_KNOWN_BROWSER_MS,
} from '../../../src-shared/rules.js';
import { sha256 } from '../../../src-server/crypto/tokens.js';
import { clearLockout } from '../../../src-server/login/lockout.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { createClient, type TestClient } from '../../support/http-client.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { signIn } from '../../support/sign-in.js';
import { attest, enrollKiosk } from '../kiosk/kiosk-helpers.js';
import { PASSWORD } from '../../support/passwords.js';
import { api } from '../../../src-shared/api/routes.js';
import { countMails } from '../../support/test-mailbox.js';

const MARKER = 'mypage_known';
const LOCK_SUBJECT = 'アカウントロック通知';

describeEachDatabase('lock-outs per source', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  let n = 0;
  const employer = async () => {
    const id = `src${n++}@example.jp`;
    await svc.createEmployer({ id, password: PASSWORD });
    return id;
  };
  /** The owner's own browser: it signed in once, so it holds the marker. */
  const knownBrowser = async (id: string): Promise<TestClient> => {
    const c = await svc.as(id);
    expect(c.jar.get(MARKER)).toBeDefined();
    return c;
  };
  const wrong = (c: TestClient, id: string, i = 0) => c.post(api.login.path, { id, password: `Wrong-pass${i}` });
  const fiveWrong = async (c: () => TestClient, id: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < R_LOGIN_3_MAX_FAILED_PASSWORDS; i++) statuses.push((await wrong(c(), id, i)).status);
    return statuses;
  };
  const lockMails = (id: string) => countMails(svc.db, id, LOCK_SUBJECT);
  const sources = async (id: string) =>
    (
      await svc.db
        .selectFrom('login_failures')
        .select(['source', 'failures'])
        .where('login_id', '=', id)
        .orderBy('source')
        .execute()
    ).map((r) => [r.source.slice(0, 2), r.failures]);

  it('R-LOGIN-6: a stranger\'s five wrong passwords lock only "anywhere else": the owner\'s known browser and an attested kiosk still sign in', async () => {
    const id = await employer();
    const owner = await knownBrowser(id);
    const kiosk = await enrollKiosk(svc);
    // the stranger: a fresh browser each time, or the same one — neither is known to the account
    expect(await fiveWrong(() => createClient(svc.url), id)).toEqual([401, 401, 401, 401, 423]);
    const stranger = await createClient(svc.url).post(api.login.path, { id, password: PASSWORD });
    expect(stranger.status).toBe(423); // R-LOGIN-3 as the visitor sees it, even with the right password
    expect(stranger.body).toMatchObject({ error: 'locked', retryAfterSeconds: R_LOGIN_3_LOCK_MS / 1000 });

    expect((await owner.post(api.login.path, { id, password: PASSWORD })).body).toMatchObject({
      status: 'otp_required',
    });
    const atKiosk = await createClient(svc.url).post(api.login.path, {
      id,
      password: PASSWORD,
      attestation: await attest(svc, kiosk, id),
    });
    expect(atKiosk.body).toMatchObject({ status: 'authenticated', kind: 'kiosk' });
    // the owner signing in does not lift the stranger's lock
    expect((await createClient(svc.url).post(api.login.path, { id, password: PASSWORD })).status).toBe(423);
  });

  it('R-LOGIN-6: five wrong passwords from the known browser lock that browser only; "anywhere else" keeps its own five', async () => {
    const id = await employer();
    const owner = await knownBrowser(id);
    expect(await fiveWrong(() => owner, id)).toEqual([401, 401, 401, 401, 423]);
    expect((await owner.post(api.login.path, { id, password: PASSWORD })).status).toBe(423);
    expect(await sources(id)).toEqual([['b:', R_LOGIN_3_MAX_FAILED_PASSWORDS]]);
    expect((await createClient(svc.url).post(api.login.path, { id, password: PASSWORD })).body).toMatchObject({
      status: 'otp_required',
    });
  });

  it('R-LOGIN-6: five wrong passwords from an attested terminal lock that terminal only; another terminal and browsers go on', async () => {
    const id = await employer();
    const k1 = await enrollKiosk(svc);
    const k2 = await enrollKiosk(svc);
    const statuses: number[] = [];
    for (let i = 0; i < R_LOGIN_3_MAX_FAILED_PASSWORDS; i++) {
      statuses.push(
        (
          await createClient(svc.url).post(api.login.path, {
            id,
            password: `Wrong-pass${i}`,
            attestation: await attest(svc, k1, id),
          })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect(
      (
        await createClient(svc.url).post(api.login.path, {
          id,
          password: PASSWORD,
          attestation: await attest(svc, k1, id),
        })
      ).status,
    ).toBe(423);
    expect(
      (
        await createClient(svc.url).post(api.login.path, {
          id,
          password: PASSWORD,
          attestation: await attest(svc, k2, id),
        })
      ).body,
    ).toMatchObject({ status: 'authenticated' });
    expect((await createClient(svc.url).post(api.login.path, { id, password: PASSWORD })).body).toMatchObject({
      status: 'otp_required',
    });
  });

  it('R-LOGIN-6: a forged marker, another account\'s marker and a forged attestation all count as "anywhere else"', async () => {
    const id = await employer();
    const other = await employer();
    const othersBrowser = await knownBrowser(other);
    const kiosk = await enrollKiosk(svc);
    const forgedMarker = createClient(svc.url);
    forgedMarker.jar.set(MARKER, 'A'.repeat(43));
    await wrong(forgedMarker, id, 1);
    await wrong(othersBrowser, id, 2);
    const forged = { ...(await attest(svc, kiosk, id)), signature: Buffer.alloc(64).toString('base64') };
    expect(
      (await createClient(svc.url).post(api.login.path, { id, password: 'Wrong-pass3', attestation: forged })).status,
    ).toBe(401);
    const signedForAnother = await attest(svc, kiosk, other); // a good signature, for another ID (R-KIOSK-7)
    expect(
      (await createClient(svc.url).post(api.login.path, { id, password: 'Wrong-pass4', attestation: signedForAnother }))
        .status,
    ).toBe(401);
    expect(await sources(id)).toEqual([['', 4]]);
  });

  it("R-LOGIN-6: the settings screens' password check in a kiosk session counts on that terminal; in a browser, on its marker", async () => {
    const id = await employer();
    const k = await enrollKiosk(svc);
    const atKiosk = await createClient(svc.url).post<{ token: string }>(api.login.path, {
      id,
      password: PASSWORD,
      attestation: await attest(svc, k, id),
    });
    const bearer = { headers: { authorization: `Bearer ${atKiosk.body.token}` } };
    const statuses: number[] = [];
    for (let i = 0; i < R_LOGIN_3_MAX_FAILED_PASSWORDS; i++)
      statuses.push(
        (await createClient(svc.url).post(api.withdraw.path, { password: `Wrong-pass${i}` }, bearer)).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect(await sources(id)).toEqual([['t:', R_LOGIN_3_MAX_FAILED_PASSWORDS]]);
    const owner = await knownBrowser(id);
    expect((await owner.post(api.withdraw.path, { password: 'Wrong-pass9' })).status).toBe(401);
    expect(await sources(id)).toEqual([
      ['b:', 1],
      ['t:', R_LOGIN_3_MAX_FAILED_PASSWORDS],
    ]);
  });

  it('R-LOGIN-6: unknown IDs lock alike, with the same answers', async () => {
    const answers = await fiveWrong(() => createClient(svc.url), 'nobody-here@example.jp');
    expect(answers).toEqual([401, 401, 401, 401, 423]);
    expect(
      (await createClient(svc.url).post(api.login.path, { id: 'nobody-here@example.jp', password: PASSWORD })).status,
    ).toBe(423);
  });

  it('R-LOGIN-3: each wrong password says how many this source may still send, alike for a known and an unknown ID', async () => {
    const left = async (id: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < R_LOGIN_3_MAX_FAILED_PASSWORDS - 1; i++) {
        const r = await wrong(createClient(svc.url), id, i);
        out.push([r.status, (r.body as { attemptsLeft?: number }).attemptsLeft]);
      }
      return out;
    };
    const known = await left(await employer());
    expect(known).toEqual([
      [401, 4],
      [401, 3],
      [401, 2],
      [401, 1], // the screen warns: one more locks it
    ]);
    expect(await left('nobody-at-all@example.jp')).toEqual(known);
  });

  it('R-LOGIN-6: the marker is set at each web sign-in: HttpOnly, 400 days, only its sha256 stored, bound to the account; a kiosk gets none', async () => {
    const id = await employer();
    const c = createClient(svc.url);
    const done = await signIn(svc, c, id, PASSWORD);
    const line = done.headers.getSetCookie().find((l) => l.startsWith(`${MARKER}=`))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(new RegExp(`Max-Age=${Math.floor(R_LOGIN_6_KNOWN_BROWSER_MS / 1000)}`));
    const token = c.jar.get(MARKER)!;
    const rows = await svc.db
      .selectFrom('known_browsers')
      .selectAll()
      .innerJoin('accounts', 'accounts.id', 'known_browsers.account_id')
      .where('accounts.login_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(sha256(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    // signing in again from it keeps the same marker, renewed
    await signIn(svc, c, id, PASSWORD);
    expect(c.jar.get(MARKER)).toBe(token);
    const kiosk = await enrollKiosk(svc);
    const atKiosk = await createClient(svc.url).post(api.login.path, {
      id,
      password: PASSWORD,
      attestation: await attest(svc, kiosk, id),
    });
    expect(atKiosk.headers.getSetCookie()).toEqual([]);
  });

  it("R-LOGIN-6: one browser signing in to two accounts keeps one marker, known to each; its wrong passwords count on that account's row", async () => {
    const a = await employer();
    const b = await employer();
    const shared = await svc.as(a);
    const token = shared.jar.get(MARKER);
    await signIn(svc, shared, b, PASSWORD);
    expect(shared.jar.get(MARKER)).toBe(token);
    expect(
      await svc.db.selectFrom('known_browsers').select('account_id').where('token_hash', '=', sha256(token!)).execute(),
    ).toHaveLength(2);
    await wrong(shared, a, 1);
    await wrong(shared, b, 2);
    expect([await sources(a), await sources(b)]).toEqual([[['b:', 1]], [['b:', 1]]]);
  });

  it('R-LOGIN-6: lifting a lock (unlock, a completed reset) lifts every source of the ID', async () => {
    const id = await employer();
    const owner = await knownBrowser(id);
    await fiveWrong(() => owner, id);
    await fiveWrong(() => createClient(svc.url), id);
    expect(await sources(id)).toEqual([
      ['', 5],
      ['b:', 5],
    ]);
    await svc.db.transaction().execute((trx) => clearLockout(trx, id));
    expect(await sources(id)).toEqual([]);
    expect((await owner.post(api.login.path, { id, password: PASSWORD })).body).toMatchObject({
      status: 'otp_required',
    });
    expect((await createClient(svc.url).post(api.login.path, { id, password: PASSWORD })).body).toMatchObject({
      status: 'otp_required',
    });
  });

  it('R-LOGIN-7: the lock mail goes out once per lock, whichever screen counted the fifth wrong password', async () => {
    // login
    const a = await employer();
    await fiveWrong(() => createClient(svc.url), a);
    expect(await lockMails(a)).toBe(1);
    // re-registration (an active account's ID: the same counter, the same mail)
    const b = await employer();
    for (let i = 0; i < R_LOGIN_3_MAX_FAILED_PASSWORDS; i++)
      await createClient(svc.url).post(api.reregistration.path, { id: b, password: `Wrong-pass${i}` });
    expect(await lockMails(b)).toBe(1);
    // the settings screens' current-password check
    const c = await employer();
    const signedIn = await svc.as(c);
    const statuses: number[] = [];
    for (let i = 0; i < R_LOGIN_3_MAX_FAILED_PASSWORDS; i++)
      statuses.push((await signedIn.post(api.withdraw.path, { password: `Wrong-pass${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect(await lockMails(c)).toBe(1);
    // further refusals during the lock send nothing more
    await wrong(createClient(svc.url), a, 9);
    expect(await lockMails(a)).toBe(1);
    // a new lock after the first ran out is a new mail
    svc.clock.advance(R_LOGIN_3_LOCK_MS);
    await fiveWrong(() => createClient(svc.url), a);
    expect(await lockMails(a)).toBe(2);
    // the mail itself, as the seed names it
    expect((await svc.mail.waitFor({ to: a, subject: LOCK_SUBJECT })).text).toContain('ロック');
  });

  it('R-LOGIN-7 (concurrency): 20 parallel wrong passwords from one source mail the owner exactly once', async () => {
    const id = await employer();
    await Promise.all(Array.from({ length: 20 }, (_, i) => wrong(createClient(svc.url), id, i)));
    expect(await lockMails(id)).toBe(1);
    // and the known browser's own lock is a lock of its own, mailed once too
    svc.clock.advance(R_LOGIN_3_LOCK_MS);
    const owner = await knownBrowser(id);
    await Promise.all(Array.from({ length: 20 }, (_, i) => wrong(owner, id, i)));
    expect(await lockMails(id)).toBe(2);
  });
});
