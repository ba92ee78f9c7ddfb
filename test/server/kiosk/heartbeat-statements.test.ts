import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueNonce, recordHeartbeat } from '../../../src-server/kiosk/attestation.service.js';
import { describeEachDatabase } from '../../support/databases.js';
import { startTestService, type TestService } from '../../support/service-harness.js';
import { recordedDeps } from '../../support/statement-recorder.js';
import { enrollKiosk, signFor } from './kiosk-helpers.js';

/**
 * Issue 18 item 5: 5,000 terminals ask for a nonce and send a heartbeat once a minute each, so what
 * a beat costs the database is pinned like a login's (test/server/login/statements.test.ts).
 */
describeEachDatabase('what a kiosk heartbeat costs the database', (database) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ database });
  });
  afterAll(() => svc.close());

  it('R-KIOSK-2, R-KIOSK-7: a nonce is one round trip and the signed heartbeat three, in no transaction: the terminal is seen', async () => {
    const kiosk = await enrollKiosk(svc);
    const { recorder, deps } = recordedDeps(svc);
    let nonce = '';
    const issued = await recorder.during(async () => {
      nonce = (await issueNonce(deps, kiosk.terminalId))?.nonce ?? '';
    });
    expect(nonce).not.toBe('');
    expect(issued).toEqual(['insert kiosk_nonces']);

    const signature = signFor(kiosk, nonce, { purpose: 'heartbeat' });
    let ok = false;
    const beat = await recorder.trace(async () => {
      ok = await recordHeartbeat(deps, {
        terminalId: kiosk.terminalId,
        version: '1.4.0',
        nonce,
        signature,
        ip: '127.0.0.1',
      });
    });
    expect(ok).toBe(true);
    expect(beat.statements.map((x) => x.shape)).toEqual([
      'delete kiosk_nonces',
      'select kiosk_terminals',
      'update kiosk_terminals',
    ]);
    const seen = await svc.db
      .selectFrom('kiosk_terminals')
      .select(['version', 'last_seen_at'])
      .where('id', '=', kiosk.terminalId)
      .executeTakeFirstOrThrow();
    expect(seen).toEqual({ version: '1.4.0', last_seen_at: svc.clock.now().getTime() });
  });

  it('R-KIOSK-2: unknown and revoked terminals get no nonce, and no row is written for them', async () => {
    const { deps } = recordedDeps(svc);
    expect(await issueNonce(deps, 'no-such-terminal')).toBeUndefined();
    const rows = await svc.db
      .selectFrom('kiosk_nonces')
      .select('terminal_id')
      .where('terminal_id', '=', 'no-such-terminal')
      .execute();
    expect(rows).toEqual([]);
  });
});
