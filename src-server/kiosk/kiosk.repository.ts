import { sql, type Selectable } from 'kysely';
import type { Executor } from '../db/schema.js';
import type { EnrollmentCodesTable, KioskTerminalsTable } from '../db/tables/kiosk.table.js';
import { deleteOldestBefore, type DeleteBatch } from '../db/batched-delete.js';
import { kioskVersionKey } from '../../src-shared/kiosk-version.js';

export type TerminalRow = Selectable<KioskTerminalsTable>;
export type EnrollmentCodeRow = Selectable<EnrollmentCodesTable>;

export async function insertEnrollmentCode(db: Executor, row: EnrollmentCodeRow): Promise<void> {
  await db.insertInto('enrollment_codes').values(row).execute();
}

/** Single use in one statement: only the request that flips used_at gets the row back. */
export function consumeEnrollmentCode(db: Executor, codeHash: string, now: number) {
  return db
    .updateTable('enrollment_codes')
    .set({ used_at: now })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['office_id', 'label'])
    .executeTakeFirst();
}

export async function linkEnrollmentCode(db: Executor, codeHash: string, terminalId: string): Promise<void> {
  await db.updateTable('enrollment_codes').set({ terminal_id: terminalId }).where('code_hash', '=', codeHash).execute();
}

export async function insertTerminal(db: Executor, row: TerminalRow): Promise<void> {
  await db.insertInto('kiosk_terminals').values(row).execute();
}

export function findTerminal(db: Executor, id: string): Promise<TerminalRow | undefined> {
  return db.selectFrom('kiosk_terminals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Other live terminals with this machine-ID hash (cloned disk images). */
export function terminalsWithMachineId(db: Executor, machineIdHash: string, exceptId: string) {
  return db
    .selectFrom('kiosk_terminals')
    .select('id')
    .where('machine_id_hash', '=', machineIdHash)
    .where('id', '!=', exceptId)
    .where('revoked_at', 'is', null)
    .execute();
}

export function listTerminalsWithOffice(db: Executor) {
  return db
    .selectFrom('kiosk_terminals')
    .innerJoin('offices', 'offices.id', 'kiosk_terminals.office_id')
    .selectAll('kiosk_terminals')
    .select('offices.name as office')
    .orderBy('offices.name')
    .orderBy('kiosk_terminals.label')
    .orderBy('kiosk_terminals.id')
    .execute();
}

export async function markTerminalRevoked(db: Executor, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('kiosk_terminals')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * A live terminal was heard from. Only while it is not revoked: a heartbeat runs no transaction, so
 * a revocation may land between its check and this write; false then, and nothing is written.
 */
export async function recordTerminalSeen(
  db: Executor,
  id: string,
  values: { version: string; now: number; paintedAt: number | null },
): Promise<boolean> {
  const r = await db
    .updateTable('kiosk_terminals')
    .set({
      version: values.version,
      version_key: kioskVersionKey(values.version) ?? null,
      last_seen_at: values.now,
      ...(values.paintedAt !== null ? { painted_at: values.paintedAt } : {}),
    })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * R-KIOSK-2 step 3 in one statement: the nonce row is written only when the terminal is enrolled
 * and not revoked (an insert … select from its row), so issuing one is a single round trip. The
 * literals are cast so PostgreSQL types the select list as the columns (bigint), not as text.
 */
export async function insertNonceForLiveTerminal(
  db: Executor,
  row: { nonce_hash: string; terminal_id: string; created_at: number; expires_at: number },
): Promise<boolean> {
  const r = await db
    .insertInto('kiosk_nonces')
    .columns(['nonce_hash', 'terminal_id', 'created_at', 'expires_at'])
    .expression(
      db
        .selectFrom('kiosk_terminals')
        .select([
          sql<string>`${row.nonce_hash}`.as('nonce_hash'),
          'id',
          sql<number>`cast(${row.created_at} as bigint)`.as('created_at'),
          sql<number>`cast(${row.expires_at} as bigint)`.as('expires_at'),
        ])
        .where('id', '=', row.terminal_id)
        .where('revoked_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Every nonce of a terminal (it was revoked). */
export async function deleteTerminalNonces(db: Executor, terminalId: string): Promise<void> {
  await db.deleteFrom('kiosk_nonces').where('terminal_id', '=', terminalId).execute();
}

/**
 * Single use in one statement: a fresh nonce of THIS terminal is deleted and returned to exactly
 * one caller, however many logins present it at once.
 */
export function consumeNonce(db: Executor, nonceHash: string, terminalId: string, now: number) {
  return db
    .deleteFrom('kiosk_nonces')
    .where('nonce_hash', '=', nonceHash)
    .where('terminal_id', '=', terminalId)
    .where('expires_at', '>', now)
    .returning(['nonce_hash'])
    .executeTakeFirst();
}

/** Ends the visitor sessions opened through a terminal (revocation takes effect at once). */
export async function revokeTerminalSessions(db: Executor, terminalId: string, now: number): Promise<number> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('terminal_id', '=', terminalId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Retention: every terminal's nonces that expired before `before` (never used, so never deleted on use). */
export function deleteNoncesExpiredBefore(db: Executor, before: number, batch: DeleteBatch): Promise<number> {
  return deleteOldestBefore(db, 'kiosk_nonces', 'expires_at', before, batch);
}
