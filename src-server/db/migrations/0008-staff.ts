import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';

/**
 * Issue 14: the staff console. Staff members (role `office` with its office, or `it`), their
 * passkeys (WebAuthn credentials: public key and signature counter), one-time registration codes
 * (SHA-256 at rest, 24 h, single use), staff sessions (token SHA-256 at rest) and WebAuthn
 * challenges (SHA-256 at rest, single use: consumed by ONE `DELETE … RETURNING`). Audit rows
 * gain the staff member who acted.
 *
 * `staff_secrets` holds one random key made here: the HMAC that gives an unknown staff ID the
 * same-looking credential list every time (so the sign-in options never tell which IDs exist),
 * without a secret to configure.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.references('offices.id'))
    .addColumn('webauthn_user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('disabled_at', 'bigint')
    .execute();
  await db.schema
    .createTable('staff_passkeys')
    .addColumn('credential_id', 'text', (c) => c.primaryKey())
    .addColumn('staff_member_id', 'text', (c) => c.notNull().references('staff_members.id'))
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('staff_passkeys_member').on('staff_passkeys').column('staff_member_id').execute();
  await db.schema
    .createTable('staff_registration_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_member_id', 'text', (c) => c.notNull().references('staff_members.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('staff_member_id', 'text', (c) => c.notNull().references('staff_members.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('staff_sessions_expiry').on('staff_sessions').column('expires_at').execute();
  await db.schema
    .createTable('staff_challenges')
    .addColumn('challenge_hash', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_challenges_expiry').on('staff_challenges').column('expires_at').execute();
  await db.schema
    .createTable('staff_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('staff_secrets')
    .values({ name: 'decoy_credentials', value: randomBytes(32).toString('base64url') })
    .execute();
  await db.schema.alterTable('audit_events').addColumn('staff_member_id', 'text').execute();
  await db.schema
    .createIndex('audit_events_staff_member')
    .on('audit_events')
    .columns(['staff_member_id', 'at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_events_staff_member').execute();
  await db.schema.alterTable('audit_events').dropColumn('staff_member_id').execute();
  for (const t of [
    'staff_secrets',
    'staff_challenges',
    'staff_sessions',
    'staff_registration_codes',
    'staff_passkeys',
    'staff_members',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
