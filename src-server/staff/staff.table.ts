import type { StaffRole } from '../../src-shared/staff-api/auth.js';

/** Staff of the console (issue 14). `office_id` is set for role `office`, null for `it`. Times: epoch ms. */
export interface StaffMembersTable {
  id: string;
  /** What the staff member types at 職員ログイン (`S` + 7 digits). Not secret. */
  staff_id: string;
  name: string;
  role: StaffRole;
  office_id: string | null;
  /** WebAuthn user handle (random, base64url): never the staff ID or the name. */
  webauthn_user_id: string;
  created_at: number;
  disabled_at: number | null;
}

/** A registered passkey: the credential's public key (COSE, base64url) and its signature counter. */
export interface StaffPasskeysTable {
  credential_id: string;
  staff_member_id: string;
  public_key: string;
  counter: number;
  /** JSON array of AuthenticatorTransport. */
  transports: string;
  created_at: number;
  last_used_at: number | null;
}

/** One-time registration codes (`mypage create-staff`): SHA-256 only, 24 h, single use. */
export interface StaffRegistrationCodesTable {
  code_hash: string;
  staff_member_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Staff sessions: the cookie's token as SHA-256 only; 15 min idle, 8 h absolute. */
export interface StaffSessionsTable {
  id: string;
  token_hash: string;
  staff_member_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export type StaffChallengePurpose = 'registration' | 'login' | 'step_up';

/**
 * WebAuthn challenges, single use. `subject` binds one to what asked for it: the staff member
 * (registration), the typed staff ID (login, known or not), the staff session (step-up).
 */
export interface StaffChallengesTable {
  challenge_hash: string;
  purpose: StaffChallengePurpose;
  subject: string;
  created_at: number;
  expires_at: number;
}

/** Keys the service made for itself (migration 0008): `decoy_credentials`. */
export interface StaffSecretsTable {
  name: string;
  value: string;
}
