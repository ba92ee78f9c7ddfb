import {
  R_PW_7_KNOWN_BROWSER_MAX_MAILS,
  R_PW_7_MAX_MAILS,
  R_PW_7_STAFF_MAX_MAILS,
  R_PW_7_WINDOW_MS,
} from '../../src-shared/rules.js';
import type { MailedKeyPurpose } from '../accounts/accounts.table.js';
import type { RecoveryTarget } from '../accounts/decoy-account.js';
import { holdBudgetOf, isSpent, spendBudget, type BudgetSpec } from '../budgets/budget.service.js';
import type { Clock } from '../clock.js';
import { randomId, randomKey, safeEqual, sha256 } from '../crypto/tokens.js';
import type { Db, Executor } from '../db/schema.js';
import { enqueueMailOrDrop } from '../mail/mail.service.js';
import type { MailContent } from '../mail/mail-templates.js';
import { countMailedKeyTry, insertMailedKey } from './mailed-keys.repository.js';

/** Length of a mailed 認証キー (16 of 31 symbols ≈ 79 bits; few tries make guessing hopeless). */
const KEY_LENGTH = 16;

/** The key as mailed: groups of four, so a person can read it; the schema strips the hyphens. */
export function groupKey(key: string): string {
  return key.match(/.{1,4}/g)?.join('-') ?? key;
}

/**
 * Whose budget a key mail spends (R-PW-7), each its own rolling hour:
 * - `public`: anyone's request, per account — per typed ID for the reset, where the ID may be unknown;
 * - `known_browser`: a request from a browser that signed in to the account before (R-LOGIN-6's
 *   marker), per marker row: a stranger spending `public` cannot silence the owner's own recovery;
 * - `staff`: a key the office staff send (利用再開), per account: never refused by `public`.
 */
export type MailBudget = { kind: 'public' | 'known_browser' | 'staff'; subject: string };

const MAIL_LIMITS: Record<MailBudget['kind'], number> = {
  public: R_PW_7_MAX_MAILS,
  known_browser: R_PW_7_KNOWN_BROWSER_MAX_MAILS,
  staff: R_PW_7_STAFF_MAX_MAILS,
};

/** The budget of one purpose and payer: `mail:reset` (public), `mail:reset:known_browser`, `mail:reset:staff`. */
export function recoveryMailBudget(
  purpose: MailedKeyPurpose,
  payer: MailBudget['kind'] = 'public',
): BudgetSpec<string> {
  const kind = payer === 'public' ? `mail:${purpose}` : `mail:${purpose}:${payer}`;
  return { scope: kind, windowMs: R_PW_7_WINDOW_MS, limits: { [kind]: MAIL_LIMITS[payer] } };
}

export interface KeyMail {
  /** Whose budget this mail spends (R-PW-7). */
  budget: MailBudget;
  purpose: MailedKeyPurpose;
  target: RecoveryTarget;
  /** The ID the key is asked for (typed, for a reset; the account's otherwise): its tries count on this ID's keys only. */
  loginId: string;
  ttlMs: number;
  newLoginId?: string;
  /** Where the mail goes when not the target's own address (the ID change mails the new one). */
  to?: string;
  content: (key: string) => MailContent;
}

/**
 * Mails a new 認証キー inside a transaction of its own (the key and its mail commit together): the
 * budget is held first (R-PW-7: past 5 mails an hour, nothing is written and nobody is mailed; the
 * caller answers the same). Older keys stay valid, each its own TTL (R-PW-7). Only the SHA-256 is
 * stored. A decoy target runs exactly this too, its mail dropped. True when a mail is to go out.
 */
export async function mailKey(
  db: Db,
  clock: Clock,
  m: KeyMail,
  alsoInTransaction: (trx: Executor, mailed: boolean) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now().getTime();
    const spec = recoveryMailBudget(m.purpose, m.budget.kind);
    const budget = await holdBudgetOf(trx, spec, m.budget.subject, now);
    const kind = spec.scope;
    const to = m.to ?? m.target.mailTo;
    const allowed = !isSpent(budget, kind);
    if (allowed) {
      await spendBudget(trx, budget, kind);
      const key = randomKey(KEY_LENGTH);
      await insertMailedKey(trx, {
        id: randomId(),
        account_id: m.target.accountId,
        login_id: m.loginId,
        purpose: m.purpose,
        key_hash: sha256(key),
        new_login_id: m.newLoginId ?? null,
        attempts: 0,
        created_at: now,
        expires_at: now + m.ttlMs,
        used_at: null,
      });
      await enqueueMailOrDrop(trx, clock, to, m.content(groupKey(key)));
    }
    const mailed = allowed && to !== null;
    await alsoInTransaction(trx, mailed);
    return mailed;
  });
}

export type KeyCheck = { ok: true; keyId: string; newLoginId: string | null } | { ok: false };

/**
 * Checks a typed key (already normalised by the schema: no hyphens, upper case) against every live
 * key of the account, ID and purpose (R-PW-7: a newer request leaves older keys valid). The try is
 * counted first, atomically; a wrong, used, expired or exhausted key all answer `{ ok: false }`.
 */
export async function checkMailedKey(
  db: Executor,
  clock: Clock,
  owner: { accountId: string; loginId: string },
  purpose: MailedKeyPurpose,
  typed: string,
): Promise<KeyCheck> {
  const counted = await countMailedKeyTry(db, owner, purpose, clock.now().getTime());
  const hash = sha256(typed);
  // Compare against every counted row: each mailed key stays valid until its own end (R-PW-7).
  const match = counted.find((row) => safeEqual(hash, row.key_hash));
  return match ? { ok: true, keyId: match.id, newLoginId: match.new_login_id } : { ok: false };
}
