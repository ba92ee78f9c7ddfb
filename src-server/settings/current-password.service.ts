import { R_LOGIN_3_LOCK_MS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import type { AccountRow } from '../accounts/accounts.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { verifyPassword } from '../crypto/passwords.js';
import { clearLockout, reservePasswordTry } from '../login/lockout.service.js';

export type PasswordProof = { status: 'ok' } | { status: 'invalid_credentials' } | { status: 'locked'; retryAfterSeconds: number };

/**
 * The settings screens ask for the current password (change, ID change, withdrawal). A stolen
 * session must not become a password oracle, so each check takes a try of the login's lock
 * counter (R-LOGIN-3) like a login would; the correct password clears it, as at login.
 */
export async function proveCurrentPassword(deps: Pick<AppDeps, 'db' | 'clock'>, account: AccountRow, password: string, ip: string): Promise<PasswordProof> {
  const { db, clock } = deps;
  const reserved = await reservePasswordTry(db, clock, account.login_id);
  if (!reserved.allowed) return { status: 'locked', retryAfterSeconds: reserved.retryAfterSeconds };
  if (!(await verifyPassword(account.password_hash, password))) {
    await recordAudit(db, clock, { type: 'settings.password_refused', accountId: account.id, loginId: account.login_id, ip, detail: { locked: reserved.locksNow } });
    return reserved.locksNow ? { status: 'locked', retryAfterSeconds: Math.ceil(R_LOGIN_3_LOCK_MS / 1000) } : { status: 'invalid_credentials' };
  }
  await clearLockout(db, account.login_id);
  return { status: 'ok' };
}
