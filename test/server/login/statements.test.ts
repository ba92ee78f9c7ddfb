import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_LOGIN_3_MAX_FAILED_PASSWORDS } from '../../../src-shared/rules.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { listAudit } from '../../../src-server/audit/audit.repository.js';
import { resumeSession } from '../../../src-server/auth/sessions.service.js';
import { trustDevice } from '../../../src-server/device-trust/device-trust.service.js';
import { homeOf } from '../../../src-server/home/home.service.js';
import { login, type LoginOutcome } from '../../../src-server/login/login.service.js';
import { verifyOtp, type OtpOutcome } from '../../../src-server/login/otp.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { PASSWORD } from '../../support/passwords.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { recordedDeps, type StatementTrace } from '../../support/statement-recorder.js';
import { attest, enrollKiosk } from '../kiosk/kiosk-helpers.js';

/**
 * Issue 18: what a login, an OTP check and a home read cost the database, pinned statement by
 * statement (kind and table; `begin`/`commit` for each transaction), the same on SQLite and
 * PostgreSQL. A change that adds a statement (on PostgreSQL a round trip each, on SQLite work on
 * the event loop) fails here and must say why; docs/performance.md, "Login work", lists them.
 */
describeEachDatabase('what a login costs the database', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  const ip = '127.0.0.1';
  /** The shapes, with the SQL sent as the message when they differ. */
  const expectShapes = (t: StatementTrace, shapes: string[]) =>
    expect(
      t.statements.map((s) => s.shape),
      t.statements.map((s) => `${s.sql} → ${s.rows}`).join('\n'),
    ).toEqual(shapes);
  const signedInWeb = async (loginId: string, rememberDevice = false) => {
    const { deps } = recordedDeps(svc);
    const started = (await login(deps, { loginId, password: PASSWORD, ip })) as { challenge: string };
    const otp = await svc.mail.latestCode(loginId);
    return (await verifyOtp(deps, {
      challenge: started.challenge,
      otp,
      rememberDevice,
      deviceLabel: 'Chrome',
      ip,
    })) as {
      sessionToken: string;
      knownBrowser: { token: string };
    };
  };

  /** A password login that ends in the OTP mail (R-LOGIN-2), from a browser known or not. */
  const OTP_MAILED = [
    'select accounts', // the account (or the decoy's) and the browser's marker, one statement
    'insert login_failures', // R-LOGIN-3: the try reserved before the hash, its own commit
    'begin',
    'insert budget_holds', // R-OTP-8: the budget held (row lock) …
    'select budget_events', // … and counted
    'delete login_failures', // the right password forgets its source's failures
    'insert budget_events',
    'insert login_challenges',
    'insert outbox',
    'insert audit_events',
    'commit',
  ];

  it('R-LOGIN-2, R-OTP-8: a password login from an unknown browser (OTP mailed): 11 round trips, one transaction', async () => {
    const e = await svc.employer();
    const { recorder, deps } = recordedDeps(svc);
    let outcome: LoginOutcome | undefined;
    const t = await recorder.trace(async () => {
      outcome = await login(deps, { loginId: e.id, password: PASSWORD, ip });
    });
    expect(outcome?.status).toBe('otp_required');
    expectShapes(t, OTP_MAILED);
    expect([t.roundTrips, t.transactions]).toEqual([11, 1]);
    const account = (await findAccountByLoginId(svc.db, e.id))!;
    expect(
      await svc.db.selectFrom('login_challenges').selectAll().where('account_id', '=', account.id).execute(),
    ).toHaveLength(1);
    expect(await svc.db.selectFrom('login_failures').selectAll().where('login_id', '=', e.id).execute()).toEqual([]);
  });

  it('R-LOGIN-6: a password login from a known browser reads its marker with the account: the same 11 round trips', async () => {
    const e = await svc.employer();
    const marker = (await signedInWeb(e.id)).knownBrowser.token;
    const { recorder, deps } = recordedDeps(svc);
    const t = await recorder.trace(() =>
      login(deps, { loginId: e.id, password: PASSWORD, knownBrowserToken: marker, ip }),
    );
    expectShapes(t, OTP_MAILED);
  });

  it('R-OTP-4, R-LOGIN-6: a login from a remembered browser (device trust): 9 round trips, one transaction', async () => {
    const e = await svc.employer();
    const marker = (await signedInWeb(e.id)).knownBrowser.token;
    const account = (await findAccountByLoginId(svc.db, e.id))!;
    const device = await trustDevice(svc.db, svc.clock, account.id, 'Chrome');
    const { recorder, deps } = recordedDeps(svc);
    let outcome: LoginOutcome | undefined;
    const t = await recorder.trace(async () => {
      outcome = await login(deps, {
        loginId: e.id,
        password: PASSWORD,
        knownBrowserToken: marker,
        deviceToken: device.token,
        ip,
      });
    });
    expect(outcome?.status).toBe('authenticated');
    expectShapes(t, [
      'select accounts',
      'insert login_failures',
      'update device_trusts', // R-OTP-4: live, this account's, and marked used, in one statement
      'begin',
      'delete login_failures',
      'insert audit_events',
      'insert sessions',
      'insert known_browsers', // the marker named this account already: no read of whether it exists
      'commit',
    ]);
    const trusts = await svc.db
      .selectFrom('device_trusts')
      .select('last_used_at')
      .where('account_id', '=', account.id)
      .execute();
    expect(trusts.map((r) => r.last_used_at)).toEqual([svc.clock.now().getTime()]);
  });

  it('R-OTP-7, R-KIOSK-2: an attested kiosk login: 11 round trips, two transactions (the nonce spent, then the session)', async () => {
    const e = await svc.employer();
    const kiosk = await enrollKiosk(svc);
    const attestation = await attest(svc, kiosk, e.id);
    const { recorder, deps } = recordedDeps(svc);
    let outcome: LoginOutcome | undefined;
    const t = await recorder.trace(async () => {
      outcome = await login(deps, { loginId: e.id, password: PASSWORD, attestation, ip });
    });
    expect(outcome).toMatchObject({ status: 'authenticated', kind: 'kiosk' });
    expectShapes(t, [
      'select accounts',
      'begin',
      'delete kiosk_nonces',
      'select kiosk_terminals',
      'commit',
      'insert login_failures',
      'begin',
      'delete login_failures',
      'insert audit_events',
      'insert sessions',
      'commit',
    ]);
  });

  it('R-OTP-1, R-OTP-2: the right OTP: 10 round trips, one transaction; remembering the browser adds its rows, one audit insert for both events', async () => {
    const e = await svc.employer();
    const run = async (rememberDevice: boolean) => {
      const { recorder, deps } = recordedDeps(svc);
      const started = (await login(deps, { loginId: e.id, password: PASSWORD, ip })) as { challenge: string };
      const otp = await svc.mail.latestCode(e.id);
      let outcome: OtpOutcome | undefined;
      const t = await recorder.trace(async () => {
        outcome = await verifyOtp(deps, {
          challenge: started.challenge,
          otp,
          rememberDevice,
          deviceLabel: 'Chrome',
          ip,
        });
      });
      expect(outcome?.status).toBe('authenticated');
      return t;
    };
    const plain = await run(false);
    expectShapes(plain, [
      'select login_challenges', // with its account (status, last credential change, ID)
      'begin',
      'insert budget_holds',
      'select budget_events',
      'update login_challenges', // R-OTP-2: the try counted under the row lock
      'update login_challenges', // R-OTP-1: consumed
      'insert sessions',
      'insert known_browsers',
      'insert audit_events',
      'commit',
    ]);
    expect([plain.roundTrips, plain.transactions]).toEqual([10, 1]);
    const remembered = await run(true);
    expect(remembered.shapes.slice(-4)).toEqual([
      'insert known_browsers',
      'insert device_trusts',
      'insert outbox', // R-OTP-9
      'insert audit_events ×2', // login.succeeded and device_trust.created, one insert
    ]);
    const account = (await findAccountByLoginId(svc.db, e.id))!;
    const audit = await listAudit(svc.db, { loginId: undefined });
    expect(audit.filter((a) => a.account_id === account.id && a.type === 'device_trust.created')).toHaveLength(1);
  });

  it('R-HOME-1: a home read is the session and one statement for the whole home', async () => {
    const e = await svc.employer();
    const { sessionToken } = await signedInWeb(e.id);
    const { recorder, deps } = recordedDeps(svc);
    let home: Awaited<ReturnType<typeof homeOf>>;
    const t = await recorder.trace(async () => {
      const session = await resumeSession(deps.db, svc.clock, sessionToken, 'web');
      home = await homeOf(deps.db, session!.accountId);
    });
    expect(home!.postings.map((p) => p.category)).toEqual(['general', 'student', 'disabled']);
    // The session's last use is written at most once a minute (SESSION_TOUCH_INTERVAL_MS): not here.
    expectShapes(t, ['select sessions', 'select accounts']);
  });

  it('R-LOGIN-3, R-LOGIN-6: a wrong password for an unknown ID does the same work as for a known one: the same statements, the same rows read and written, to the lock and past it', async () => {
    const known = await svc.employer();
    const tries = async (loginId: string) => {
      const { recorder, deps } = recordedDeps(svc);
      const work: string[][] = [];
      for (let i = 0; i <= R_LOGIN_3_MAX_FAILED_PASSWORDS; i++)
        work.push((await recorder.trace(() => login(deps, { loginId, password: `Wrong-pass${i}`, ip }))).work);
      return work;
    };
    const knownWork = await tries(known.id);
    const unknownWork = await tries(`nobody-${known.id}`);
    expect(unknownWork).toEqual(knownWork);
    // One account row read for each (the decoy's for the unknown ID), one try counted, one audit row.
    expect(knownWork[0]).toEqual(['select accounts → 1', 'insert login_failures → 1', 'insert audit_events → 1']);
    expect(knownWork[R_LOGIN_3_MAX_FAILED_PASSWORDS]).toEqual([
      'select accounts → 1',
      'insert login_failures → 0', // refused under the lock: nothing counted
      'select login_failures → 1',
      'insert audit_events → 1',
    ]);
    const failures = await svc.db
      .selectFrom('login_failures')
      .select(['login_id', 'failures'])
      .where('login_id', 'in', [known.id, `nobody-${known.id}`])
      .orderBy('login_id')
      .execute();
    expect(failures.map((f) => f.failures)).toEqual([R_LOGIN_3_MAX_FAILED_PASSWORDS, R_LOGIN_3_MAX_FAILED_PASSWORDS]);
  });
});
