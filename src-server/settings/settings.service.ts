import { R_PW_7_MAILED_KEY_TTL_MS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import {
  findAccountById,
  findAccountByLoginId,
  updateLoginId,
  type AccountRow,
} from '../accounts/accounts.repository.js';
import { withdrawAccount } from '../accounts/accounts.service.js';
import { endEverythingInFlight } from '../accounts/credentials-in-flight.js';
import { recoveryTarget } from '../accounts/decoy-account.js';
import { recordAudit } from '../audit/audit.repository.js';
import { hashPassword } from '../crypto/passwords.js';
import { enqueueMail } from '../mail/mail.service.js';
import { markMailedKeyUsed } from '../recovery/mailed-keys.repository.js';
import { checkMailedKey, mailKey } from '../recovery/mailed-keys.service.js';
import { checkNewPassword, setPassword, type NewPasswordCheck } from '../recovery/password-reset.service.js';
import {
  emailChangedMail,
  emailChangeKeyMail,
  emailTakenMail,
  passwordChangedMail,
} from '../recovery/recovery-mails.js';
import { proveCurrentPassword, type PasswordProof } from './current-password.service.js';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'mailQueued' | 'attestationVerifier'>;
export interface Caller {
  accountId: string;
  sessionId: string;
  ip: string;
  /** Where the current-password check's try is counted (R-LOGIN-6): the kiosk session's terminal, this browser's marker. */
  sessionTerminalId?: string | null;
  knownBrowserToken?: string | undefined;
}
const sourceOf = (c: Caller) => ({ sessionTerminalId: c.sessionTerminalId, knownBrowserToken: c.knownBrowserToken });
type Refusal = Exclude<PasswordProof, { status: 'ok' }> | NonNullable<NewPasswordCheck> | { status: 'unauthenticated' };

async function activeAccount(deps: Deps, caller: Caller): Promise<AccountRow | undefined> {
  const account = await findAccountById(deps.db, caller.accountId);
  return account?.status === 'active' ? account : undefined;
}

/**
 * R-OTP-4, R-CRED-1: a password change ends every "skip the OTP", every other session (this one
 * stays), pending challenge and mailed key (setPassword), and tells the owner. argon2 runs before the transaction.
 */
export async function changePassword(
  deps: Deps,
  caller: Caller,
  input: { currentPassword: string; newPassword: string; newPasswordConfirm: string },
): Promise<{ status: 'done' } | Refusal> {
  const bad = checkNewPassword(input.newPassword, input.newPasswordConfirm);
  if (bad) return bad;
  const account = await activeAccount(deps, caller);
  if (!account) return { status: 'unauthenticated' };
  const proof = await proveCurrentPassword(deps, account, input.currentPassword, caller.ip, sourceOf(caller));
  if (proof.status !== 'ok') return proof;
  const hash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await proof.forgetFailures(trx);
    await setPassword(trx, deps, account.id, hash, caller.sessionId);
    await enqueueMail(trx, deps.clock, account.login_id, passwordChangedMail('change'));
    await recordAudit(trx, deps.clock, {
      type: 'settings.password_changed',
      accountId: account.id,
      loginId: account.login_id,
      ip: caller.ip,
    });
  });
  deps.mailQueued();
  return { status: 'done' };
}

/**
 * ID change, step 1: a key to the NEW address. When that address already names an account, the
 * caller still gets the same 202 and the new address gets a notice instead of a key: the answer
 * never tells whether an address is registered (no account enumeration through this screen), and
 * only the owner of that address learns that someone tried.
 */
export async function requestEmailChange(
  deps: Deps,
  caller: Caller,
  input: { newLoginId: string; password: string },
): Promise<{ status: 'mailed' } | Refusal> {
  const account = await activeAccount(deps, caller);
  if (!account) return { status: 'unauthenticated' };
  const proof = await proveCurrentPassword(deps, account, input.password, caller.ip, sourceOf(caller));
  if (proof.status !== 'ok') return proof;
  const taken = (await findAccountByLoginId(deps.db, input.newLoginId)) !== undefined;
  // The same code either way: a taken address spends the same budget and writes a key, but to the
  // decoy (nobody can use it), and its owner's mail says the change was not made.
  const target = recoveryTarget(taken ? undefined : account);
  const mailed = await mailKey(
    deps.db,
    deps.clock,
    {
      budget: { kind: 'public', subject: account.id },
      purpose: 'email_change',
      target,
      loginId: account.login_id,
      ttlMs: R_PW_7_MAILED_KEY_TTL_MS,
      newLoginId: input.newLoginId,
      to: input.newLoginId,
      content: taken ? emailTakenMail : emailChangeKeyMail,
    },
    async (trx, sent) => {
      await proof.forgetFailures(trx);
      await recordAudit(trx, deps.clock, {
        type: 'settings.email_change_requested',
        accountId: account.id,
        loginId: account.login_id,
        ip: caller.ip,
        detail: { taken, mailed: sent },
      });
    },
  );
  if (mailed) deps.mailQueued();
  return { status: 'mailed' };
}

/**
 * ID change, step 2: the key makes the new address the ID. R-OTP-4: every device trust ends;
 * other sessions end; the OLD address is told. If the address was taken meanwhile, key_invalid.
 */
export async function confirmEmailChange(
  deps: Deps,
  caller: Caller,
  input: { key: string },
): Promise<{ status: 'done' } | { status: 'key_invalid' } | { status: 'unauthenticated' }> {
  const account = await activeAccount(deps, caller);
  if (!account) return { status: 'unauthenticated' };
  const owner = { accountId: account.id, loginId: account.login_id };
  const check = await checkMailedKey(deps.db, deps.clock, owner, 'email_change', input.key);
  if (!check.ok || !check.newLoginId) {
    await recordAudit(deps.db, deps.clock, {
      type: 'settings.email_key_refused',
      accountId: account.id,
      ip: caller.ip,
    });
    return { status: 'key_invalid' };
  }
  const newLoginId = check.newLoginId;
  const done = await deps.db
    .transaction()
    .execute(async (trx) => {
      const now = deps.clock.now().getTime();
      if (!(await markMailedKeyUsed(trx, check.keyId, now))) return false;
      if (await findAccountByLoginId(trx, newLoginId)) return false;
      await updateLoginId(trx, account.id, newLoginId, now);
      await endEverythingInFlight(trx, deps.clock, account.id, caller.sessionId); // R-CRED-1
      await enqueueMail(trx, deps.clock, account.login_id, emailChangedMail(newLoginId));
      await recordAudit(trx, deps.clock, {
        type: 'settings.email_changed',
        accountId: account.id,
        loginId: newLoginId,
        ip: caller.ip,
        detail: { from: account.login_id },
      });
      return true;
    })
    .catch((err: unknown) => {
      // The unique index on login_id: another account took the address between the check and the write.
      if (/unique|duplicate/i.test(String(err))) return false;
      throw err;
    });
  if (!done) return { status: 'key_invalid' };
  deps.mailQueued();
  return { status: 'done' };
}

/** 退会: password required; sessions and device trusts end; withdrawn_at starts R-REREG's 30 days. */
export async function withdraw(
  deps: Deps,
  caller: Caller,
  input: { password: string },
): Promise<{ status: 'done' } | Refusal> {
  const account = await activeAccount(deps, caller);
  if (!account) return { status: 'unauthenticated' };
  const proof = await proveCurrentPassword(deps, account, input.password, caller.ip, sourceOf(caller));
  if (proof.status !== 'ok') return proof;
  await deps.db.transaction().execute(async (trx) => {
    await proof.forgetFailures(trx);
    await withdrawAccount(trx, deps.clock, account.id); // R-CRED-1 inside
  });
  return { status: 'done' };
}
