import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { loadConfig } from '../../config.js';
import { createRetentionSweep } from '../../ops/retention.js';
import { cliClock, type CliCommand } from '../command.js';

/** Passes after which the command stops even if rows keep expiring (a clock far ahead, a busy writer). */
const MAX_PASSES = 1_000;

/**
 * The retention sweep that `serve` runs every 10 minutes, now and to the end: pass after pass until
 * one deletes nothing (a backlog after downtime, or AUDIT_RETENTION_DAYS lowered). Safe beside
 * serving instances: on PostgreSQL the sweep's advisory lock lets one sweeper run at a time.
 */
export const sweepCommand: CliCommand = {
  name: 'sweep',
  usage: '',
  summary: 'runs the retention sweep until nothing expired is left (AUDIT_RETENTION_DAYS); prints what it deleted',
  options: {},
  async run(_values, io) {
    const config = loadConfig(io.env);
    const { db, dialect } = openDatabase(config.databaseUrl);
    try {
      await migrateToLatest(db);
      const sweep = createRetentionSweep({ db, dialect, clock: cliClock(io.env), config });
      const started = performance.now();
      const total: Record<string, number> = {};
      let batches = 0;
      for (let pass = 1; pass <= MAX_PASSES; pass++) {
        const report = await sweep.runOnce();
        if (report.status === 'skipped') {
          io.out('skipped: another instance is sweeping now');
          return;
        }
        // A batched sweep (issue 18) also says how many short transactions it took.
        if ('batches' in report && typeof report.batches === 'number') batches += report.batches;
        const deleted = Object.entries(report.deleted).filter(([, n]) => n > 0);
        for (const [table, n] of deleted) total[table] = (total[table] ?? 0) + n;
        if (!deleted.length) break;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const what = Object.entries(total).map(([table, n]) => `${table} ${n}`);
      const inBatches = batches ? ` (${batches} batches)` : '';
      io.out(`swept in ${seconds} s${inBatches}: ${what.length ? what.join(', ') : 'nothing had expired'}`);
    } finally {
      await db.destroy();
    }
  },
};
