import argon2 from 'argon2';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { R_LOGIN_3_LOCK_MS, R_LOGIN_3_MAX_FAILED_PASSWORDS } from '../../../src-shared/rules.js';
import { findAccountByLoginId, type AccountRow } from '../../../src-server/accounts/accounts.repository.js';
import { createEmployer } from '../../../src-server/accounts/accounts.service.js';
import { TestClock } from '../../../src-server/clock.js';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrate.js';
import type { Db } from '../../../src-server/db/schema.js';
import type { AttestationVerifier } from '../../../src-server/login/attestation-verifier.js';
import { rememberKnownBrowser } from '../../../src-server/login/known-browsers.service.js';
import { attemptPassword } from '../../../src-server/login/password-attempt.js';
import type { SourceEvidence } from '../../../src-server/login/password-source.js';
import { PASSWORD } from '../../support/passwords.js';

const ID = 'prop@example.jp';
const MAX = R_LOGIN_3_MAX_FAILED_PASSWORDS;

/** Stands in for the kiosk verifier: "good" attests its terminal, anything else is forged. */
const verifier: AttestationVerifier = {
  verify: async (_trx, a) =>
    a.signature === 'good' ? { ok: true, terminalId: a.terminalId } : { ok: false, reason: 'bad_signature' },
};

/**
 * The sources a request may claim, and the counter each must land on (R-LOGIN-6): the owner's
 * known browser and two attested terminals have their own; a stranger, a forged marker, another
 * account's marker and a forged attestation all share "anywhere else".
 */
const SOURCES = [
  'stranger',
  'forgedMarker',
  'othersMarker',
  'forgedTerminal',
  'ownersBrowser',
  'terminal1',
  'terminal2',
] as const;
type Source = (typeof SOURCES)[number];
const COUNTER: Record<Source, string> = {
  stranger: 'anywhere',
  forgedMarker: 'anywhere',
  othersMarker: 'anywhere',
  forgedTerminal: 'anywhere',
  ownersBrowser: 'ownersBrowser',
  terminal1: 'terminal1',
  terminal2: 'terminal2',
};

/**
 * R-LOGIN-6 as a property, on the domain function itself (in-memory SQLite, the test clock, cheap
 * argon2 parameters on the test account so thousands of tries stay fast).
 */
describe('password tries per source (property)', () => {
  let db: Db;
  const clock = new TestClock();
  let account: AccountRow;
  const markers: { owner: string; other: string } = { owner: '', other: '' };
  const deps = () => ({ db, clock, attestationVerifier: verifier, mailQueued: () => undefined });

  beforeAll(async () => {
    db = openDatabase('sqlite::memory:').db;
    await migrateToLatest(db);
    await createEmployer(db, clock, { id: ID, password: PASSWORD, company: 'C', office: 'O' });
    await createEmployer(db, clock, { id: 'other@example.jp', password: PASSWORD, company: 'C', office: 'O' });
    const cheap = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 8, timeCost: 1, parallelism: 1 });
    await db.updateTable('accounts').set({ password_hash: cheap }).where('login_id', '=', ID).execute();
    account = (await findAccountByLoginId(db, ID))!;
    markers.owner = (await rememberKnownBrowser(db, clock, account.id, undefined)).token;
    markers.other = (
      await rememberKnownBrowser(db, clock, (await findAccountByLoginId(db, 'other@example.jp'))!.id, undefined)
    ).token;
  });
  afterAll(() => db.destroy());

  const evidenceOf = (s: Source): SourceEvidence => {
    switch (s) {
      case 'stranger':
        return {};
      case 'forgedMarker':
        return { knownBrowserToken: 'F'.repeat(43) };
      case 'othersMarker':
        return { knownBrowserToken: markers.other };
      case 'ownersBrowser':
        return { knownBrowserToken: markers.owner };
      case 'forgedTerminal':
        return { attestation: { terminalId: 'terminal1', nonce: 'n', signature: 'forged' } };
      case 'terminal1':
      case 'terminal2':
        return { attestation: { terminalId: s, nonce: 'n', signature: 'good' } };
    }
  };
  const attempt = (s: Source, right: boolean) =>
    attemptPassword(deps(), {
      screen: 'login',
      loginId: ID,
      account,
      verifiable: () => true,
      password: right ? PASSWORD : 'Wrong-pass1',
      evidence: evidenceOf(s),
      ip: '127.0.0.1',
    });
  const fresh = async () => {
    await db.deleteFrom('login_failures').execute();
    clock.advance(R_LOGIN_3_LOCK_MS * 2);
  };

  it('R-LOGIN-6, R-LOGIN-3 (property): any sequence of tries from any sources gives exactly the answers of five-per-source counters', async () => {
    const step = fc.record({
      source: fc.constantFrom(...SOURCES),
      right: fc.boolean(),
      minutes: fc.constantFrom(0, 0, 0, 1, 10, 31),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        await fresh();
        const model = new Map<string, { failures: number; lockedUntil: number | null }>();
        for (const { source, right, minutes } of steps) {
          clock.advance(minutes * 60_000);
          const now = clock.now().getTime();
          const key = COUNTER[source];
          let c = model.get(key) ?? { failures: 0, lockedUntil: null };
          let expected: 'right' | 'wrong' | 'locked';
          if (c.lockedUntil !== null && c.lockedUntil > now) expected = 'locked';
          else {
            if (c.lockedUntil !== null) c = { failures: 0, lockedUntil: null };
            c = { failures: c.failures + 1, lockedUntil: c.failures + 1 >= MAX ? now + R_LOGIN_3_LOCK_MS : null };
            if (right) {
              expected = 'right';
              c = { failures: 0, lockedUntil: null };
            } else expected = c.lockedUntil !== null ? 'locked' : 'wrong';
          }
          model.set(key, c);
          const got = await attempt(source, right);
          if (got.status === 'right') await db.transaction().execute((trx) => got.forgetFailures(trx));
          // a source is only ever locked by its own five: never by another source's
          expect({ source, status: got.status }).toEqual({ source, status: expected });
          expect(got.source.kind).toBe(
            key === 'anywhere' ? 'anywhere' : key === 'ownersBrowser' ? 'browser' : 'terminal',
          );
        }
        const rows = await db.selectFrom('login_failures').select('failures').execute();
        expect(rows.every((r) => r.failures <= MAX)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('R-LOGIN-6, R-LOGIN-3 (property): parallel bursts of wrong passwords let at most five per source through, and lock no source that sent fewer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...SOURCES), { minLength: 1, maxLength: 40 }), async (burst) => {
        await fresh();
        const answers = await Promise.all(
          burst.map(async (s) => ({ key: COUNTER[s], status: (await attempt(s, false)).status })),
        );
        for (const key of new Set(answers.map((a) => a.key))) {
          const mine = answers.filter((a) => a.key === key);
          const wrong = mine.filter((a) => a.status === 'wrong').length;
          // exactly the first five of this source were compared: four said wrong, the fifth locked
          expect({ key, wrong, locked: mine.length - wrong }).toEqual({
            key,
            wrong: Math.min(mine.length, MAX - 1),
            locked: Math.max(0, mine.length - (MAX - 1)),
          });
        }
        const rows = await db.selectFrom('login_failures').select(['source', 'failures']).execute();
        expect(rows.every((r) => r.failures <= MAX)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
