import { afterAll, beforeAll, expect, it } from 'vitest';
import { R_LOGIN_3_MAX_FAILED_PASSWORDS } from '../../../src-shared/rules.js';
import { login } from '../../../src-server/login/login.service.js';
import { requestReregistration } from '../../../src-server/recovery/reregistration.service.js';
import { withdrawAccount } from '../../../src-server/accounts/accounts.service.js';
import { findAccountByLoginId } from '../../../src-server/accounts/accounts.repository.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { recordedDeps } from '../../support/statement-recorder.js';
import { attest, enrollKiosk } from '../kiosk/kiosk-helpers.js';
import { PASSWORD } from '../../support/passwords.js';

/**
 * Known and unknown IDs run the same code (the unknown one against the decoy account), so each
 * step sends the same statements: on PostgreSQL each is a round trip, and a path with one more
 * would answer measurably later. Counted per statement kind and table, not only in number.
 */
describeEachDatabase('known and unknown IDs: the same statements', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  /** The statements of each of five wrong tries and the refusal after them, for one ID. */
  const fiveWrongThenRefused = async (
    run: (deps: ReturnType<typeof recordedDeps>['deps'], i: number) => Promise<unknown>,
  ) => {
    const { recorder, deps } = recordedDeps(svc);
    const shapes: string[][] = [];
    for (let i = 0; i <= R_LOGIN_3_MAX_FAILED_PASSWORDS; i++) shapes.push(await recorder.during(() => run(deps, i)));
    return shapes;
  };

  it('R-LOGIN-6, R-LOGIN-3: a login for a known and for an unknown ID sends the same statements: wrong, locking, refused', async () => {
    await svc.createEmployer({ id: 'known-login@example.jp', password: PASSWORD });
    const tries = (loginId: string) =>
      fiveWrongThenRefused((deps, i) =>
        login(deps, { loginId, password: `Wrong-pass${i}`, knownBrowserToken: 'B'.repeat(43), ip: '127.0.0.1' }),
      );
    const known = await tries('known-login@example.jp');
    const unknown = await tries('unknown-login@example.jp');
    expect(unknown).toEqual(known);
    expect(known[0]!.length).toBeGreaterThan(0);
    // the locking try writes the lock mail (the decoy's is written as dropped)
    expect(known[R_LOGIN_3_MAX_FAILED_PASSWORDS - 1]).toContain('insert outbox');
  });

  it('R-LOGIN-6: an attested kiosk login for a known and for an unknown ID sends the same statements', async () => {
    await svc.createEmployer({ id: 'known-kiosk@example.jp', password: PASSWORD });
    const kiosk = await enrollKiosk(svc);
    const once = async (loginId: string) => {
      const attestation = await attest(svc, kiosk, loginId);
      const { recorder, deps } = recordedDeps(svc);
      return recorder.during(() => login(deps, { loginId, password: 'Wrong-pass1', attestation, ip: '127.0.0.1' }));
    };
    expect(await once('unknown-kiosk@example.jp')).toEqual(await once('known-kiosk@example.jp'));
  });

  it('R-LOGIN-6, R-REREG-1: a re-registration for a withdrawn, an active and an unknown ID sends the same statements until the password is right', async () => {
    await svc.createEmployer({ id: 'gone@example.jp', password: PASSWORD });
    const gone = (await findAccountByLoginId(svc.db, 'gone@example.jp'))!;
    await withdrawAccount(svc.db, svc.clock, gone.id);
    await svc.createEmployer({ id: 'still-active@example.jp', password: PASSWORD });
    const tries = (loginId: string) =>
      fiveWrongThenRefused((deps, i) =>
        requestReregistration(deps, { loginId, password: `Wrong-pass${i}`, ip: '127.0.0.1' }),
      );
    const withdrawn = await tries('gone@example.jp');
    const active = await tries('still-active@example.jp');
    const unknown = await tries('unknown-rereg@example.jp');
    expect(unknown).toEqual(withdrawn);
    // an active account's owner is told of the lock (a real mail where the others' is dropped): same statements still
    expect(active).toEqual(withdrawn);
  });
});
