import { sql } from 'kysely';
import type { AppDeps } from '../app-deps.js';
import { pendingMigrations } from '../db/migrate.js';
import { oldestDueSince } from '../mail/outbox.repository.js';
import { fail, ok, type ReadinessCheck } from './readiness.js';

/**
 * Mail that has been due this long without a sender picking it up means no sender is working
 * (a down SMTP server does not count: each failed attempt moves the mail's next try forward).
 * The sender polls every second and a crashed sender's lease runs out after 2 minutes.
 */
export const OUTBOX_STUCK_MS = 5 * 60_000;

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** The checks every instance has; features add their own through deps.readiness.register. */
export function coreChecks(deps: Deps): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [
    { name: 'database', critical: true, check: async () => (await sql`select 1`.execute(deps.db), ok()) },
    {
      name: 'migrations',
      critical: true,
      check: async () => {
        const pending = await pendingMigrations(deps.db);
        return pending.length ? fail(`not applied: ${pending.join(', ')}`) : ok();
      },
    },
  ];
  // Without SMTP the outbox is the dev mailbox: nothing is meant to leave it.
  if (deps.config.smtpUrl) {
    checks.push({
      name: 'mail_outbox',
      critical: true,
      check: async () => {
        const now = deps.clock.now().getTime();
        const since = await oldestDueSince(deps.db, now);
        return since !== null && now - since > OUTBOX_STUCK_MS
          ? fail(`a mail has been due for ${Math.round((now - since) / 60_000)} minutes without being sent`)
          : ok();
      },
    });
  }
  return checks;
}
