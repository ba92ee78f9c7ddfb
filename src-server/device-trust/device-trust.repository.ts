import type { Selectable } from 'kysely';
import type { Executor } from '../db/schema.js';
import type { DeviceTrustsTable } from './device-trust.table.js';

export type DeviceTrustRow = Selectable<DeviceTrustsTable>;

export async function insertDeviceTrust(db: Executor, row: DeviceTrustRow): Promise<void> {
  await db.insertInto('device_trusts').values(row).execute();
}

/**
 * R-OTP-4 in one statement: marks the trust of this token used when it is this account's, live
 * (not revoked, before its 90 days); true when it was. A read and a touch would be two round trips.
 */
export async function useDeviceTrust(
  db: Executor,
  tokenHash: string,
  accountId: string,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('device_trusts')
    .set({ last_used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The live trusts of an account (settings: list, R-OTP-5). */
export function listDeviceTrusts(db: Executor, accountId: string, now: number): Promise<DeviceTrustRow[]> {
  return db
    .selectFrom('device_trusts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Revokes one trust of this account (settings, R-OTP-5). False when it is not this account's. */
export async function revokeDeviceTrust(db: Executor, accountId: string, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('device_trusts')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * R-OTP-4 / R-PW-5: every "skip the OTP" of an account ends — on password change, ID change,
 * withdrawal (so re-registration starts without any) and completed password reset. The rows are
 * deleted: a revoked trust has no further use, and the audit log keeps the fact.
 */
export async function revokeAllDeviceTrusts(trx: Executor, accountId: string): Promise<number> {
  const r = await trx.deleteFrom('device_trusts').where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
