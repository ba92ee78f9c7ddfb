import { createEmployer } from '../../src-server/accounts/accounts.service.js';
import { findAccountByLoginId } from '../../src-server/accounts/accounts.repository.js';
import { systemClock } from '../../src-server/clock.js';
import { hmacSha256, randomDigits, randomToken, sha256 } from '../../src-server/crypto/tokens.js';
import { openDatabase } from '../../src-server/db/database.js';
import { migrateToLatest } from '../../src-server/db/migrate.js';
import type { Db } from '../../src-server/db/schema.js';
import { issueEnrollmentCode } from '../../src-server/kiosk/enrollment.service.js';
import { api } from '../../src-shared/api/routes.js';
import { R_LOGIN_2_OTP_DIGITS, R_OTP_1_TTL_MS } from '../../src-shared/rules.js';
import { machineHash, newKeyPair, type FakeKiosk } from './kiosk-keys.js';
import { freshDatabase } from './fresh-database.js';
import { PASSWORD } from './passwords.js';

// What the bench (and a test that wants the service's own cost) takes from the service itself.
export type { Db };
export { hashPassword } from '../../src-server/crypto/passwords.js';

export type BenchDatabase = 'sqlite' | 'postgres';
export const OFFICE = '飯田橋公共職業安定所';

/** A fresh, migrated database; the bench process keeps a connection to set up and check state. */
export async function openBenchDatabase(kind: BenchDatabase): Promise<{ url: string; db: Db; drop(): Promise<void> }> {
  const { url, drop: remove } = await freshDatabase(kind, 'bench');
  const { db } = openDatabase(url);
  await migrateToLatest(db);
  return {
    url,
    db,
    async drop() {
      await db.destroy();
      await remove();
    },
  };
}

/** `n` employers with the same (correct) password, made by the service's own createEmployer, 4 at a time. */
export async function createEmployers(db: Db, prefix: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}@bench.example.jp`);
  for (let i = 0; i < ids.length; i += 4) {
    await Promise.all(
      ids
        .slice(i, i + 4)
        .map((id) =>
          createEmployer(db, systemClock, { id, password: PASSWORD, company: '株式会社 ベンチ', office: OFFICE }),
        ),
    );
  }
  return ids;
}

/**
 * Live OTP challenges of one account with their codes, as login.service's startOtp stores them
 * (hashed id, HMAC of the code), so the OTP phase spends no argon2 on set-up.
 */
export async function insertChallenges(
  db: Db,
  loginId: string,
  n: number,
): Promise<Array<{ challenge: string; otp: string }>> {
  const account = await findAccountByLoginId(db, loginId);
  if (!account) throw new Error(`no account ${loginId}`);
  const now = Date.now();
  const made = Array.from({ length: n }, () => ({ challenge: randomToken(), otp: randomDigits(R_LOGIN_2_OTP_DIGITS) }));
  for (let i = 0; i < made.length; i += 500) {
    const rows = made.slice(i, i + 500).map(({ challenge, otp }) => ({
      id: sha256(challenge),
      account_id: account.id,
      otp_hash: hmacSha256(challenge, otp),
      attempts: 0,
      created_at: now,
      expires_at: now + R_OTP_1_TTL_MS,
      consumed_at: null,
      attestation_failed: 0,
    }));
    await db.insertInto('login_challenges').values(rows).execute();
  }
  return made;
}

/** `n` kiosk terminals enrolled through POST /kiosk/enroll, 16 at a time, like test/server/kiosk's enrollKiosk. */
export async function enrollTerminals(db: Db, url: string, n: number): Promise<FakeKiosk[]> {
  const out: FakeKiosk[] = [];
  for (let i = 0; i < n; i += 16) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(16, n - i) }, async (_, j) => {
        const { code } = await issueEnrollmentCode(db, systemClock, { office: OFFICE, label: `bench ${i + j}` });
        const keys = newKeyPair();
        const machineIdHash = machineHash();
        const res = await fetch(url + api.kioskEnroll.path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, publicKey: keys.publicKey, machineIdHash, version: '1.0.0' }),
        });
        if (res.status !== 201) throw new Error(`enroll: ${res.status} ${await res.text()}`);
        const { terminalId } = (await res.json()) as { terminalId: string };
        return { terminalId, machineIdHash, ...keys };
      }),
    );
    out.push(...batch);
  }
  return out;
}
