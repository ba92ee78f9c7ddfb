import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { R_OTP_8_WINDOW_MS, R_PW_7_WINDOW_MS } from '../../src-shared/rules.js';
import type { AppDeps } from '../app-deps.js';
import { deleteAuditBefore } from '../audit/audit.repository.js';
import { deleteSessionsEndedBefore } from '../auth/sessions.repository.js';
import { deleteBudgetEventsBefore } from '../budgets/budgets.repository.js';
import type { Executor } from '../db/schema.js';
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

const DAY_MS = 24 * 60 * 60_000;
const BUDGET_WINDOW_MS = Math.max(R_OTP_8_WINDOW_MS, R_PW_7_WINDOW_MS);

/**
 * How long rows stay after they stop mattering. A day of grace after expiry keeps the answers
 * that read an expired row ("有効期間切れ" rather than "not found") for anyone who comes back
 * late, and leaves a day to look into an incident; sent mail, and mail refused for good (their
 * bodies already blanked), a week, for "did the OTP go out?"; audit rows AUDIT_RETENTION_DAYS.
 */
export const RETENTION = {
  graceMs: DAY_MS,
  sentMailMs: 7 * DAY_MS,
  /** Real time between sweeps; the first runs one interval after start. */
  intervalMs: 10 * 60_000,
} as const;

/** pg_try_advisory_xact_lock key: one instance sweeps at a time ("mypa" "retn"). */
export const RETENTION_LOCK = [0x6d797061, 0x7265746e] as const;

export type SweepReport = { status: 'skipped' } | { status: 'swept'; deleted: Record<string, number> };

type Deps = Pick<AppDeps, 'db' | 'dialect' | 'clock' | 'config'> & { log?: FastifyBaseLogger };

async function sweepIn(trx: Executor, now: number, auditDays: number): Promise<Record<string, number>> {
  const expired = now - RETENTION.graceMs;
  return {
    login_challenges: await deleteChallengesExpiredBefore(trx, expired),
    kiosk_nonces: await deleteNoncesExpiredBefore(trx, now),
    sessions: await deleteSessionsEndedBefore(trx, expired),
    mailed_keys: await deleteMailedKeysExpiredBefore(trx, expired),
    outbox: await deleteMailDoneBefore(trx, now - RETENTION.sentMailMs),
    audit_events: await deleteAuditBefore(trx, now - auditDays * DAY_MS),
    // R-OTP-8, R-PW-7: an event older than the longest rolling window counts in no budget.
    budget_events: await deleteBudgetEventsBefore(trx, now - BUDGET_WINDOW_MS - RETENTION.graceMs),
    known_browsers: await deleteKnownBrowsersExpiredBefore(trx, expired),
    staff_challenges: await deleteStaffChallengesExpiredBefore(trx, expired),
    staff_sessions: await deleteStaffSessionsEndedBefore(trx, expired),
    staff_registration_codes: await deleteRegistrationCodesExpiredBefore(trx, expired),
  };
}

/**
 * The retention sweep, in-process, on an interval. On PostgreSQL several instances share the
 * database: a transaction-scoped advisory lock lets one of them sweep and the others skip (no
 * waiting, no double work). On SQLite the transaction's write lock (BEGIN IMMEDIATE) does it.
 * Time is the injected clock, so tests move it and call runOnce().
 */
export function createRetentionSweep(deps: Deps) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<SweepReport | undefined> | undefined;

  async function runOnce(): Promise<SweepReport> {
    const now = deps.clock.now().getTime();
    return deps.db.transaction().execute(async (trx) => {
      if (deps.dialect === 'postgres') {
        const [a, b] = RETENTION_LOCK;
        const r = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(${a}::int, ${b}::int) as got`.execute(
          trx,
        );
        if (!r.rows[0]?.got) return { status: 'skipped' as const };
      }
      return { status: 'swept' as const, deleted: await sweepIn(trx, now, deps.config.auditRetentionDays) };
    });
  }

  function tick(): void {
    running ??= runOnce()
      .then((report) => {
        if (report.status === 'swept' && Object.values(report.deleted).some((n) => n > 0))
          deps.log?.info({ deleted: report.deleted }, 'retention sweep');
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
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
