import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import type { Dialect } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { DAY_MS, deleteInBatches, sweepTargets, type BatchesDone } from './retention-batches.js';

/**
 * How long rows stay after they stop mattering. A day of grace after expiry keeps the answers
 * that read an expired row ("有効期間切れ" rather than "not found") for anyone who comes back
 * late, and leaves a day to look into an incident; sent mail, and mail refused for good (their
 * bodies already blanked), a week, for "did the OTP go out?"; audit rows AUDIT_RETENTION_DAYS.
 *
 * How it deletes (issue 18): in batches of `batchRows` rows (RETENTION_BATCH_ROWS overrides),
 * each its own transaction, the event loop free between them, for at most `maxRunMs`; what is
 * left waits for the next interval. The sizes were measured (docs/performance.md, "Retention at
 * volume"): on SQLite a batch of 500 audit rows costs ~8 ms of CPU, all of it holding the event
 * loop and the write lock (1,000 cost ~15 ms); on PostgreSQL a batch of 5,000 costs the service
 * under 1 ms and locks only the rows it deletes, which nobody else wants.
 */
export const RETENTION = {
  graceMs: DAY_MS,
  sentMailMs: 7 * DAY_MS,
  /** Real time between sweeps; the first runs one interval after start. */
  intervalMs: 10 * 60_000,
  batchRows: { sqlite: 500, postgres: 5_000 } satisfies Record<Dialect, number>,
  /** Real time one run may take; half the interval, so runs never queue up behind each other. */
  maxRunMs: 5 * 60_000,
  /** Rest after each batch for as long as it took (retention-batches.ts, BatchLimits.restRatio). */
  restRatio: 1,
  /**
   * …and on SQLite at least 100 ms before another batch of the same table: a login in another
   * process waits in SQLite's busy handler, whose sleeps between looks grow to 100 ms, so a
   * shorter free window can fall between two looks (docs/performance.md, the third quiet run).
   */
  minRestMs: { sqlite: 100, postgres: 0 } satisfies Record<Dialect, number>,
} as const;

/** pg_try_advisory_lock key: one instance sweeps at a time ("mypa" "retn"). */
export const RETENTION_LOCK = [0x6d797061, 0x7265746e] as const;

export type SweepReport =
  { status: 'skipped' } | ({ status: 'swept'; /** Real milliseconds the run took. */ elapsedMs: number } & BatchesDone);

type Deps = Pick<AppDeps, 'db' | 'dialect' | 'clock' | 'config'> & { log?: FastifyBaseLogger };

export interface SweepOptions {
  /** Rows per batch; default config.retentionBatchRows, else RETENTION.batchRows of the dialect. */
  batchRows?: number;
  /** Real milliseconds a run may take (checked after each batch); default RETENTION.maxRunMs. */
  maxRunMs?: number;
  /** Rest after each batch as a share of its time; default RETENTION.restRatio. */
  restRatio?: number;
  /** The shortest rest before another batch of a table; default RETENTION.minRestMs of the dialect. */
  minRestMs?: number;
  /** How to rest (tests record it); default a timer. */
  rest?: (ms: number) => Promise<void>;
}

/**
 * On PostgreSQL several instances share the database: a session-level advisory lock, taken on
 * one pinned connection and held for the whole run (its batches run on that connection too),
 * lets one of them sweep and the others skip (no waiting, no double work). It goes with the
 * session if the connection dies. On SQLite each batch takes the write lock; two processes
 * sweeping at once only repeat idempotent deletes.
 */
async function oneAtATime(db: Db, dialect: Dialect, sweep: (db: Db) => Promise<SweepReport>): Promise<SweepReport> {
  if (dialect !== 'postgres') return sweep(db);
  const [a, b] = RETENTION_LOCK;
  return db.connection().execute(async (conn) => {
    const r = await sql<{ got: boolean }>`select pg_try_advisory_lock(${a}::int, ${b}::int) as got`.execute(conn);
    if (!r.rows[0]?.got) return { status: 'skipped' as const };
    try {
      return await sweep(conn);
    } finally {
      await sql`select pg_advisory_unlock(${a}::int, ${b}::int)`.execute(conn);
    }
  });
}

/**
 * The retention sweep, in-process, on an interval. Time is the injected clock, so tests move it
 * and call runOnce(); the run's own bound and elapsedMs are real time.
 */
export function createRetentionSweep(deps: Deps, options: SweepOptions = {}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<SweepReport | undefined> | undefined;
  let stopping = false;
  const batchRows = options.batchRows ?? deps.config.retentionBatchRows ?? RETENTION.batchRows[deps.dialect];

  function runOnce(): Promise<SweepReport> {
    const started = performance.now();
    const targets = sweepTargets({
      now: deps.clock.now().getTime(),
      graceMs: RETENTION.graceMs,
      sentMailMs: RETENTION.sentMailMs,
      auditDays: deps.config.auditRetentionDays,
    });
    return oneAtATime(deps.db, deps.dialect, async (db) => {
      const done = await deleteInBatches(db, targets, {
        batch: { dialect: deps.dialect, rows: batchRows },
        maxRunMs: options.maxRunMs ?? RETENTION.maxRunMs,
        stopping: () => stopping,
        restRatio: options.restRatio ?? RETENTION.restRatio,
        minRestMs: options.minRestMs ?? RETENTION.minRestMs[deps.dialect],
        rest: options.rest,
      });
      return { status: 'swept', ...done, elapsedMs: Math.round(performance.now() - started) };
    });
  }

  function tick(): void {
    running ??= runOnce()
      .then((report) => {
        // One line a run, never one a batch.
        if (report.status === 'swept' && report.batches > 0) {
          const { deleted, batches, complete, elapsedMs } = report;
          deps.log?.info({ deleted, batches, complete, elapsedMs }, 'retention sweep');
        }
        return report;
      })
      .catch((err: unknown) => {
        deps.log?.warn(
          { err: { message: err instanceof Error ? err.message : String(err) } },
          'retention sweep failed; next one in an interval',
        );
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
  }

  return {
    runOnce,
    start(intervalMs: number = RETENTION.intervalMs): void {
      stopping = false;
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    /** Stops the interval; a run in progress ends after its current batch. */
    async stop(): Promise<void> {
      clearInterval(timer);
      stopping = true;
      await running;
    },
  };
}
