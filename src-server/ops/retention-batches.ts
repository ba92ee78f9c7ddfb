import { performance } from 'node:perf_hooks';
import { R_OTP_8_WINDOW_MS, R_PW_7_WINDOW_MS } from '../../src-shared/rules.js';
import { deleteAuditBefore } from '../audit/audit.repository.js';
import { deleteSessionsEndedBefore } from '../auth/sessions.repository.js';
import { deleteBudgetEventsBefore } from '../budgets/budgets.repository.js';
import type { DeleteBatch } from '../db/batched-delete.js';
import type { Executor } from '../db/schema.js';
import {
  deleteSourceFailuresBefore,
  deleteTerminalFailuresBefore,
  failureHour,
} from '../kiosk/attestation-failures.repository.js';
import { deleteDiagnosticsBefore } from '../kiosk/diagnostics.repository.js';
import { deleteNoncesExpiredBefore } from '../kiosk/kiosk.repository.js';
import { deleteChallengesExpiredBefore } from '../login/challenges.repository.js';
import { deleteKnownBrowsersExpiredBefore } from '../login/known-browsers.repository.js';
import { deleteMailDoneBefore } from '../mail/outbox.repository.js';
import { deleteMailedKeysExpiredBefore } from '../recovery/mailed-keys.repository.js';
import { deleteRegistrationCodesExpiredBefore } from '../staff/staff.repository.js';
import {
  deleteStaffChallengesExpiredBefore,
  deleteStaffSessionsEndedBefore,
} from '../staff/staff-sessions.repository.js';

export const DAY_MS = 24 * 60 * 60_000;
const BUDGET_WINDOW_MS = Math.max(R_OTP_8_WINDOW_MS, R_PW_7_WINDOW_MS);

/** What the sweep's times are measured from. */
export interface Horizon {
  now: number;
  graceMs: number;
  sentMailMs: number;
  auditDays: number;
}

type DeleteOneBatch = (db: Executor, batch: DeleteBatch) => Promise<number>;

/**
 * Every table the sweep empties, and the time before which its rows go. The small tables first,
 * the ones that grow with the nation last (known browsers, the audit log): a run that reaches its
 * bound stops in those, and the next run carries on there.
 */
export function sweepTargets(h: Horizon): ReadonlyArray<readonly [string, DeleteOneBatch]> {
  const expired = h.now - h.graceMs;
  return [
    ['login_challenges', (db, b) => deleteChallengesExpiredBefore(db, expired, b)],
    ['kiosk_nonces', (db, b) => deleteNoncesExpiredBefore(db, h.now, b)],
    ['sessions', (db, b) => deleteSessionsEndedBefore(db, expired, b)],
    ['mailed_keys', (db, b) => deleteMailedKeysExpiredBefore(db, expired, b)],
    ['outbox', (db, b) => deleteMailDoneBefore(db, h.now - h.sentMailMs, b)],
    // R-OTP-8, R-PW-7: an event older than the longest rolling window counts in no budget.
    ['budget_events', (db, b) => deleteBudgetEventsBefore(db, h.now - BUDGET_WINDOW_MS - h.graceMs, b)],
    ['staff_challenges', (db, b) => deleteStaffChallengesExpiredBefore(db, expired, b)],
    ['staff_sessions', (db, b) => deleteStaffSessionsEndedBefore(db, expired, b)],
    ['staff_registration_codes', (db, b) => deleteRegistrationCodesExpiredBefore(db, expired, b)],
    // 端末一覧 reads the last 24 hours of failure counts; a day of grace after that, as above.
    ['terminal_failures', (db, b) => deleteTerminalFailuresBefore(db, failureHour(expired - DAY_MS), b)],
    ['attestation_source_failures', (db, b) => deleteSourceFailuresBefore(db, failureHour(expired - DAY_MS), b)],
    // R-DIAG-1: a terminal's diagnostics are kept 14 days (until `kept_until`, which the console
    // no longer shows), no grace: they hold its log
    ['kiosk_diagnostics', (db, b) => deleteDiagnosticsBefore(db, h.now + 1, b)],
    ['known_browsers', (db, b) => deleteKnownBrowsersExpiredBefore(db, expired, b)],
    ['audit_events', (db, b) => deleteAuditBefore(db, h.now - h.auditDays * DAY_MS, b)],
  ];
}

export interface BatchesDone {
  deleted: Record<string, number>;
  /** Deletes that removed at least one row (each its own transaction). */
  batches: number;
  /** false: the run stopped at its bound (or on stop()) with expired rows left for the next one. */
  complete: boolean;
}

export interface BatchLimits {
  batch: DeleteBatch;
  /** Real milliseconds after which the run stops once its current batch is done. */
  maxRunMs: number;
  /** Asked after every batch: true stops the run there (the service is shutting down). */
  stopping: () => boolean;
  /**
   * After each batch the sweep rests this share of the time the batch took: at 1 the write lock
   * (SQLite, every process) and a core are free at least half of the sweep's time, so a login
   * waiting in another process's busy handler finds the lock free instead of starving behind
   * batch after batch (the volume bench's SQLite backlog, docs/performance.md).
   */
  restRatio: number;
  /** The shortest rest when another batch of the same table follows (SQLite's busy handler). */
  minRestMs: number;
  /** How to rest (tests record it); default a timer, or one event-loop turn under a millisecond. */
  rest?: (ms: number) => Promise<void>;
}

/** Lets timers, sockets, other processes and the requests waiting for the database run between two batches. */
function restFor(ms: number): Promise<void> {
  return new Promise<void>((resolve) => (ms >= 1 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}

/**
 * Deletes table after table, batch after batch, until a batch comes back short (nothing expired
 * left there) or the run reaches its bound. Between two batches the sweep rests (`restRatio`), so
 * the event loop gets turns: on SQLite (better-sqlite3 runs on it) a batch is the longest the
 * sweep ever holds it, and the write lock is free between batches for other processes.
 */
export async function deleteInBatches(
  db: Executor,
  targets: ReturnType<typeof sweepTargets>,
  limits: BatchLimits,
): Promise<BatchesDone> {
  const started = performance.now();
  const deleted = Object.fromEntries(targets.map(([table]) => [table, 0]));
  let batches = 0;
  for (const [table, deleteOneBatch] of targets) {
    for (;;) {
      const batchStarted = performance.now();
      const n = await deleteOneBatch(db, limits.batch);
      const rested = (performance.now() - batchStarted) * limits.restRatio;
      const more = n >= limits.batch.rows; // a full batch: another of this table follows
      await (limits.rest ?? restFor)(more ? Math.max(rested, limits.minRestMs) : rested);
      if (n > 0) batches++;
      deleted[table] = (deleted[table] ?? 0) + n;
      if (n < limits.batch.rows) break;
      if (performance.now() - started >= limits.maxRunMs || limits.stopping())
        return { deleted, batches, complete: false };
    }
  }
  return { deleted, batches, complete: true };
}
