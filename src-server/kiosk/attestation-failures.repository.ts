import { deleteOldestBefore, type DeleteBatch } from '../db/batched-delete.js';
import type { Executor } from '../db/schema.js';

/** Failures are counted per hour: `hour` is epoch ms / HOUR_MS, floored (migration 0011). */
export const HOUR_MS = 60 * 60 * 1000;
/** The hour's total over every source (no address is `*`): the total is ≤ 24 rows to sum, however many sources. */
export const ALL_SOURCES = '*';

export const failureHour = (at: number): number => Math.floor(at / HOUR_MS);

/**
 * One attestation failure, atomically (`insert … on conflict do update`, both dialects): the
 * terminal's own when its key signed, else the source address's (issue 20).
 */
export async function countAttestationFailure(
  db: Executor,
  input: { hour: number } & ({ terminalId: string } | { source: string }),
): Promise<void> {
  if ('terminalId' in input)
    await db
      .insertInto('terminal_failures')
      .values({ terminal_id: input.terminalId, hour: input.hour, failures: 1 })
      .onConflict((oc) =>
        oc
          .columns(['terminal_id', 'hour'])
          .doUpdateSet((eb) => ({ failures: eb('terminal_failures.failures', '+', 1) })),
      )
      .execute();
  else
    await db
      .insertInto('attestation_source_failures')
      .values([
        { source: input.source, hour: input.hour, failures: 1 },
        { source: ALL_SOURCES, hour: input.hour, failures: 1 },
      ])
      .onConflict((oc) =>
        oc
          .columns(['source', 'hour'])
          .doUpdateSet((eb) => ({ failures: eb('attestation_source_failures.failures', '+', 1) })),
      )
      .execute();
}

/** Retention: hourly counts before `beforeHour` (a batch of each table's oldest). */
export const deleteTerminalFailuresBefore = (db: Executor, beforeHour: number, batch: DeleteBatch) =>
  deleteOldestBefore(db, 'terminal_failures', 'hour', beforeHour, batch);
export const deleteSourceFailuresBefore = (db: Executor, beforeHour: number, batch: DeleteBatch) =>
  deleteOldestBefore(db, 'attestation_source_failures', 'hour', beforeHour, batch);
