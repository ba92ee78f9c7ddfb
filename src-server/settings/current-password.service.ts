import type { AppDeps } from '../app-deps.js';
import type { AccountRow } from '../accounts/accounts.repository.js';
import { attemptPassword } from '../login/password-attempt.js';
import type { SourceEvidence } from '../login/password-source.js';
import type { Executor } from '../db/schema.js';

/** `forgetFailures` forgets this source's failed tries: run it in the transaction of the change the password allowed. */
export type PasswordProof =
  | { status: 'ok'; forgetFailures: (trx: Executor) => Promise<void> }
  | { status: 'invalid_credentials' }
  | { status: 'locked'; retryAfterSeconds: number };

/**
 * The settings screens ask for the current password (change, ID change, withdrawal). A stolen
 * session must not become a password oracle, so each check goes through the login's own
 * attemptPassword (R-LOGIN-3, R-LOGIN-6, R-LOGIN-7): a try of the same counters, from the source the request proves
 * (the kiosk session's terminal, this browser's marker, else "anywhere else"), the lock mail. The
 * correct password forgets that source's failures in the change's own transaction, as at login.
 */
export async function proveCurrentPassword(
  deps: Pick<AppDeps, 'db' | 'clock' | 'attestationVerifier' | 'mailQueued'>,
  account: AccountRow,
  password: string,
  ip: string,
  evidence: Pick<SourceEvidence, 'sessionTerminalId' | 'knownBrowserToken'> = {},
): Promise<PasswordProof> {
  const attempt = await attemptPassword(deps, {
    screen: 'settings',
    loginId: account.login_id,
    account,
    verifiable: () => true,
    password,
    evidence,
    ip,
  });
  if (attempt.status === 'locked') return { status: 'locked', retryAfterSeconds: attempt.retryAfterSeconds };
  if (attempt.status === 'wrong') return { status: 'invalid_credentials' };
  return { status: 'ok', forgetFailures: attempt.forgetFailures };
}
