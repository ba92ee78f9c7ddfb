import { deleteOldestBefore, type DeleteBatch } from '../db/batched-delete.js';
import type { Executor } from '../db/schema.js';

/**
 * R-DIAG-1 (migration 0018): IT's requests for a terminal's diagnostics and the bundles that
 * answer them. Queries only; the rules are diagnostics.service.ts's.
 */

/** A request, unless one is waiting already (the partial unique index: asking twice is one request). */
export async function insertDiagnosticsRequest(
  db: Executor,
  row: { id: string; terminalId: string; requestedBy: string; now: number; keptUntil: number },
): Promise<void> {
  await db
    .insertInto('kiosk_diagnostics')
    .values({
      id: row.id,
      terminal_id: row.terminalId,
      requested_at: row.now,
      requested_by: row.requestedBy,
      uploaded_at: null,
      kept_until: row.keptUntil,
      version: null,
      bundle: null,
      bytes: null,
    })
    .onConflict((oc) => oc.column('terminal_id').where('uploaded_at', 'is', null).doNothing())
    .execute();
}

/** Is a request of this terminal waiting (not answered, not expired)? */
export async function diagnosticsPending(db: Executor, terminalId: string, now: number): Promise<boolean> {
  const row = await db
    .selectFrom('kiosk_diagnostics')
    .select('id')
    .where('terminal_id', '=', terminalId)
    .where('uploaded_at', 'is', null)
    .where('kept_until', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Answers the waiting request with the bundle, in ONE statement: of two uploads at once only one
 * finds the request (the other is refused as not requested). Undefined: nothing was waiting.
 */
export function fulfilDiagnosticsRequest(
  db: Executor,
  terminalId: string,
  upload: { now: number; keptUntil: number; version: string; bundle: string; bytes: number },
) {
  return db
    .updateTable('kiosk_diagnostics')
    .set({
      uploaded_at: upload.now,
      kept_until: upload.keptUntil,
      version: upload.version,
      bundle: upload.bundle,
      bytes: upload.bytes,
    })
    .where('terminal_id', '=', terminalId)
    .where('uploaded_at', 'is', null)
    .where('kept_until', '>', upload.now)
    .returning('id')
    .executeTakeFirst();
}

/** Deletes the terminal's bundles beyond its newest `keep`; how many went. */
export async function trimDiagnostics(db: Executor, terminalId: string, keep: number): Promise<number> {
  const newest = db
    .selectFrom('kiosk_diagnostics')
    .select('id')
    .where('terminal_id', '=', terminalId)
    .where('uploaded_at', 'is not', null)
    .orderBy('uploaded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(keep);
  const r = await db
    .deleteFrom('kiosk_diagnostics')
    .where('terminal_id', '=', terminalId)
    .where('uploaded_at', 'is not', null)
    .where('id', 'not in', newest)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The terminal's rows still kept: the waiting request (if any) and its bundles, newest first. */
export function listDiagnostics(db: Executor, terminalId: string, now: number) {
  return db
    .selectFrom('kiosk_diagnostics')
    .select(['requested_at', 'uploaded_at', 'bundle', 'bytes'])
    .where('terminal_id', '=', terminalId)
    .where('kept_until', '>', now)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The retention sweep: rows past their `kept_until`, one bounded batch (through its index). */
export function deleteDiagnosticsBefore(db: Executor, before: number, batch: DeleteBatch): Promise<number> {
  return deleteOldestBefore(db, 'kiosk_diagnostics', 'kept_until', before, batch);
}
