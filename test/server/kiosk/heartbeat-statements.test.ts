import type { Db } from '../../../src-server/db/schema.js';
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

  it("R-KIOSK-2: a revocation that lands between a beat's check and its write refuses the beat; the revoked terminal is not marked seen", async () => {
    const kiosk = await enrollKiosk(svc);
    const nonce = (await issueNonce({ db: svc.db, clock: svc.clock }, kiosk.terminalId))?.nonce ?? '';
    const signature = signFor(kiosk, nonce, { purpose: 'heartbeat' });
    // IT revokes the terminal after the beat has read it as live: just before the beat's write runs.
    const revoke = () =>
      svc.db
        .updateTable('kiosk_terminals')
        .set({ revoked_at: svc.clock.now().getTime() })
        .where('id', '=', kiosk.terminalId)
        .execute();
    const ok = await recordHeartbeat(
      { db: revokingBeforeUpdates(svc.db, revoke), clock: svc.clock },
      { terminalId: kiosk.terminalId, version: '9.9.9', nonce, signature, ip: '127.0.0.1' },
    );
    expect(ok).toBe(false);
    const row = await svc.db
      .selectFrom('kiosk_terminals')
      .select(['version', 'last_seen_at', 'revoked_at'])
      .where('id', '=', kiosk.terminalId)
      .executeTakeFirstOrThrow();
    expect(row.version).not.toBe('9.9.9');
    expect(row.revoked_at).not.toBeNull();
    const refused = await svc.db
      .selectFrom('audit_events')
      .select('detail')
      .where('type', '=', 'kiosk.heartbeat_refused')
      .execute();
    expect(refused.map((r) => JSON.parse(String(r.detail)).reason)).toContain('terminal_revoked');
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

/** The database, but every UPDATE first waits for `before` (a change another process makes meanwhile). */
function revokingBeforeUpdates(db: Db, before: () => Promise<unknown>): Db {
  const deferred = <T extends object>(builder: T): T =>
    new Proxy(builder, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop);
        if (typeof value !== 'function') return value;
        if (prop === 'execute' || prop === 'executeTakeFirst')
          return async (...args: unknown[]) => {
            await before();
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        return (...args: unknown[]) => {
          const next: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          return next && typeof next === 'object' && 'executeTakeFirst' in next ? deferred(next) : next;
        };
      },
    });
  return new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (prop === 'updateTable') return (table: 'kiosk_terminals') => deferred(target.updateTable(table));
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
