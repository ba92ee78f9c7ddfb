import { STAND_IN_ACCOUNT_ID } from '../db/migrations/0005-abuse-budgets.js';
import type { AccountRow } from './accounts.repository.js';

/**
 * The decoy account: the row an unknown ID's password check, key and mail work on, so that an
 * unknown ID runs the same statements as a known one. Migration 0005 made it (its id is
 * `'stand-in'`, that migration's word for it); no normalised ID names it, nobody can sign in to it.
 */
export const DECOY_ACCOUNT_ID = STAND_IN_ACCOUNT_ID;

/**
 * Who a recovery step works on. A known ID gets its account; an unknown one (or one the step does
 * not serve, e.g. a withdrawn account asking for a reset) gets the decoy account that migration
 * 0005 created: the SAME code then runs — the budget, the key written, the mail queued — with the
 * decoy's key (nobody can reach it: no normalised ID names it) and a mail that is dropped
 * unsent (`mailTo: null`). Indistinguishable by construction, not by copied statements.
 */
export interface RecoveryTarget {
  accountId: string;
  /** Where the mail goes; null drops it (written like any mail, never sent). */
  mailTo: string | null;
  decoy: boolean;
}

export function recoveryTarget(account: Pick<AccountRow, 'id' | 'login_id'> | undefined): RecoveryTarget {
  return account
    ? { accountId: account.id, mailTo: account.login_id, decoy: false }
    : { accountId: DECOY_ACCOUNT_ID, mailTo: null, decoy: true };
}

/** The account id an audit event names: none for the decoy. */
export function auditedAccountId(target: RecoveryTarget): string | null {
  return target.decoy ? null : target.accountId;
}
