import { normalizeAccountId } from '../../src-shared/account-id.js';
import { checkPasswordPolicy } from '../../src-shared/password-policy.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Clock } from '../clock.js';
import { hashPassword } from '../crypto/passwords.js';
import { randomId } from '../crypto/tokens.js';
import type { Db, Executor } from '../db/schema.js';
import { endEverythingInFlight } from './credentials-in-flight.js';
import { ensureOffice, findAccountByLoginId, insertAccount, markWithdrawn } from './accounts.repository.js';

export class AccountInputError extends Error {}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates one employer account (CLI `create-employer`, seed-demo, tests). The password must meet R-PW-4. */
export async function createEmployer(
  db: Db,
  clock: Clock,
  input: { id: string; password: string; company: string; office: string },
): Promise<{ accountId: string; loginId: string }> {
  const loginId = normalizeAccountId(input.id);
  if (!EMAIL.test(loginId)) throw new AccountInputError(`not an e-mail address: ${input.id}`);
  const violations = checkPasswordPolicy(input.password);
  if (violations.length) throw new AccountInputError(`password does not meet R-PW-4: ${violations.join(', ')}`);
  const passwordHash = await hashPassword(input.password); // before the transaction: SQLite has one writer
  const now = clock.now().getTime();
  const accountId = randomId();
  await db.transaction().execute(async (trx) => {
    if (await findAccountByLoginId(trx, loginId))
      throw new AccountInputError(`the ID is already registered: ${loginId}`);
    const officeId = await ensureOffice(trx, input.office);
    await insertAccount(trx, {
      id: accountId,
      login_id: loginId,
      password_hash: passwordHash,
      company: input.company,
      office_id: officeId,
      status: 'active',
      withdrawn_at: null,
      created_at: now,
      updated_at: now,
      password_changed_at: now,
    });
    await recordAudit(trx, clock, { type: 'account.created', accountId, loginId });
  });
  return { accountId, loginId };
}

/**
 * Withdraws an account (settings 退会, CLI `withdraw`): everything in flight ends at once (R-CRED-1:
 * sessions, device trusts — R-OTP-4: after re-registration the OTP is required again — pending
 * challenges, mailed keys). Returns false if it was not active.
 */
export async function withdrawAccount(trx: Executor, clock: Clock, accountId: string): Promise<boolean> {
  const done = await markWithdrawn(trx, accountId, clock.now().getTime());
  if (!done) return false;
  await endEverythingInFlight(trx, clock, accountId);
  await recordAudit(trx, clock, { type: 'account.withdrawn', accountId });
  return true;
}
