import type { Selectable } from 'kysely';
import type { Executor } from '../db/schema.js';
import type { StaffMembersTable, StaffPasskeysTable, StaffRegistrationCodesTable } from './staff.table.js';
import { deleteOldestBefore, type DeleteBatch } from '../db/batched-delete.js';

export type StaffMemberRow = Selectable<StaffMembersTable>;
export type StaffPasskeyRow = Selectable<StaffPasskeysTable>;

/** A staff member with the name of their office (null for `it`). */
export function findStaffByStaffId(db: Executor, staffId: string) {
  return memberWithOffice(db).where('staff_members.staff_id', '=', staffId).executeTakeFirst();
}

export function findStaffById(db: Executor, id: string) {
  return memberWithOffice(db).where('staff_members.id', '=', id).executeTakeFirst();
}

function memberWithOffice(db: Executor) {
  return db
    .selectFrom('staff_members')
    .leftJoin('offices', 'offices.id', 'staff_members.office_id')
    .selectAll('staff_members')
    .select('offices.name as office_name')
    .where('staff_members.disabled_at', 'is', null);
}

/** Offboarding in ONE guarded statement: the enabled member of `staffId` gets `disabled_at`; undefined if none (unknown or already disabled). */
export function disableStaffMember(db: Executor, staffId: string, now: number) {
  return db
    .updateTable('staff_members')
    .set({ disabled_at: now })
    .where('staff_id', '=', staffId)
    .where('disabled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

/** False when the staff ID is taken (unique), so the caller draws another. */
export async function insertStaffMember(db: Executor, row: StaffMemberRow): Promise<boolean> {
  const r = await db
    .insertInto('staff_members')
    .values(row)
    .onConflict((oc) => oc.column('staff_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function insertRegistrationCode(
  db: Executor,
  row: Selectable<StaffRegistrationCodesTable>,
): Promise<void> {
  await db.insertInto('staff_registration_codes').values(row).execute();
}

/** A live (unused, unexpired) code of this staff member, without spending it. */
export function findLiveRegistrationCode(db: Executor, codeHash: string, staffMemberId: string, now: number) {
  return db
    .selectFrom('staff_registration_codes')
    .select('code_hash')
    .where('code_hash', '=', codeHash)
    .where('staff_member_id', '=', staffMemberId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Spends a live code in ONE statement: of parallel uses, exactly one gets the row. */
export function consumeRegistrationCode(db: Executor, codeHash: string, staffMemberId: string, now: number) {
  return db
    .updateTable('staff_registration_codes')
    .set({ used_at: now })
    .where('code_hash', '=', codeHash)
    .where('staff_member_id', '=', staffMemberId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('code_hash')
    .executeTakeFirst();
}

/**
 * False when the credential ID is already stored (anyone's): ONE statement with
 * `ON CONFLICT DO NOTHING` on both dialects, so a duplicate is a refusal, never a unique violation.
 */
export async function insertPasskey(db: Executor, row: StaffPasskeyRow): Promise<boolean> {
  const r = await db
    .insertInto('staff_passkeys')
    .values(row)
    .onConflict((oc) => oc.column('credential_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function countPasskeysOf(db: Executor, staffMemberId: string): Promise<number> {
  const r = await db
    .selectFrom('staff_passkeys')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('staff_member_id', '=', staffMemberId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function passkeysOf(db: Executor, staffMemberId: string): Promise<StaffPasskeyRow[]> {
  return db
    .selectFrom('staff_passkeys')
    .selectAll()
    .where('staff_member_id', '=', staffMemberId)
    .orderBy('created_at')
    .execute();
}

/** Credential IDs of the newest `limit` passkeys (the decoy of an unknown staff ID takes the size of one). */
export async function recentCredentialIds(db: Executor, limit: number): Promise<string[]> {
  return (
    await db.selectFrom('staff_passkeys').select('credential_id').orderBy('created_at', 'desc').limit(limit).execute()
  ).map((r) => r.credential_id);
}

export function findPasskey(
  db: Executor,
  credentialId: string,
  staffMemberId: string,
): Promise<StaffPasskeyRow | undefined> {
  return db
    .selectFrom('staff_passkeys')
    .selectAll()
    .where('credential_id', '=', credentialId)
    .where('staff_member_id', '=', staffMemberId)
    .executeTakeFirst();
}

/**
 * Moves the signature counter forward in ONE statement, only from the value the check saw (an
 * authenticator without a counter stays at 0): a cloned key racing the real one loses.
 */
export async function advancePasskeyCounter(
  db: Executor,
  credentialId: string,
  seen: number,
  next: number,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('staff_passkeys')
    .set({ counter: next, last_used_at: now })
    .where('credential_id', '=', credentialId)
    .where('counter', '=', seen)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function staffSecret(db: Executor, name: string): Promise<string> {
  return (await db.selectFrom('staff_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow())
    .value;
}

/** Retention: registration codes past their expiry before `before` (used or not). */
export function deleteRegistrationCodesExpiredBefore(
  db: Executor,
  before: number,
  batch: DeleteBatch,
): Promise<number> {
  return deleteOldestBefore(db, 'staff_registration_codes', 'expires_at', before, batch);
}
