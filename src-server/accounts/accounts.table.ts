import type { Generated } from 'kysely';

/** Row types of the employer accounts. Times are epoch milliseconds. */
export type AccountStatus = 'active' | 'withdrawn';

export interface OfficesTable {
  id: string;
  /** 管轄安定所名, e.g. 飯田橋公共職業安定所 */
  name: string;
}

export interface AccountsTable {
  id: string;
  /** The normalised ID (メールアドレス); unique. */
  login_id: string;
  password_hash: string;
  company: string;
  /** `companySearchKey(company)`: what 求人者検索 compares (migration 0011; kept by `insertAccount`). */
  company_search: Generated<string>;
  office_id: string;
  status: AccountStatus;
  withdrawn_at: number | null;
  created_at: number;
  updated_at: number;
  password_changed_at: number;
}

/** Keys mailed for reset, re-registration and e-mail change; only their hash is kept. */
export type MailedKeyPurpose = 'reset' | 'rereg' | 'email_change';
export interface MailedKeysTable {
  id: string;
  account_id: string;
  purpose: MailedKeyPurpose;
  key_hash: string;
  /** email_change only: the normalised new ID the key was mailed to. */
  new_login_id: string | null;
  /**
   * The ID the key was asked for (the account's; for the decoy, the typed unknown ID): a try
   * counts on the keys of that ID only (migration 0013). Null only for rows written before it.
   */
  login_id: string | null;
  attempts: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}
