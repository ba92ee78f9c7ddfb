import type { Gauge as GaugeClass, Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/schema.js';
import { countTerminalStates, type FleetStateCounts } from '../kiosk/fleet-alerts.repository.js';
import { MINIMUM_VERSION_SETTING, readSetting } from '../kiosk/service-settings.repository.js';
import { higherKioskVersion, kioskVersionKey } from '../../src-shared/kiosk-version.js';
import { countLockedIds } from '../login/login-failures.repository.js';
import { outboxStats } from '../mail/outbox.repository.js';

/**
 * Gauges read from the database when /metrics is scraped, so every instance reports the shared
 * truth (the outbox and the lock-outs live in the database, not in one process). A scrape while
 * the database is down leaves them out instead of failing the whole answer.
 */
export function scrapeGauges(registry: Registry, deps: ScrapeDeps, Gauge: typeof GaugeClass): void {
  let pending: Promise<Snapshot | undefined> | undefined;
  // One read per scrape, shared by the gauges below (they collect in parallel).
  const snapshot = () =>
    (pending ??= read(deps).finally(() => {
      setImmediate(() => (pending = undefined));
    }));

  const gauge = (name: string, help: string, pick: (s: Snapshot) => number | undefined, labelNames: string[] = []) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        const s = await snapshot();
        const v = s && pick(s);
        if (v !== undefined) this.set(v);
      },
    });
  gauge(
    'mypage_mail_outbox_unsent',
    'Mails queued and not yet accepted by SMTP (OTPs, keys, notices)',
    (s) => s.outbox.unsent,
  );
  gauge(
    'mypage_mail_outbox_failing',
    'Unsent mails whose last attempt failed (retried with backoff)',
    (s) => s.outbox.failing,
  );
  gauge(
    'mypage_mail_outbox_failed',
    'Mails the relay refused for good (5xx): recorded with the reason, never retried',
    (s) => s.outbox.failed,
  );
  gauge(
    'mypage_mail_outbox_sent',
    'Mails accepted by SMTP still kept in the outbox (until the retention sweep)',
    (s) => s.outbox.sent,
  );
  gauge(
    'mypage_mail_oldest_unsent_age_seconds',
    'Age of the oldest mail not yet accepted by SMTP (0 when none)',
    (s) => (s.outbox.oldestUnsentAt === null ? 0 : Math.max(0, (s.now - s.outbox.oldestUnsentAt) / 1000)),
  );
  gauge(
    'mypage_login_locked_ids',
    'Login IDs locked right now for at least one source after 5 wrong passwords (R-LOGIN-3, R-LOGIN-6)',
    (s) => s.lockedIds,
  );
  new Gauge({
    name: 'mypage_kiosk_terminals',
    help: 'Kiosk terminals by state: active, silent (no heartbeat for 10 minutes), revoked, update_required (below the minimum version) (R-FLEET-1, R-FLEET-2)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      const s = await snapshot();
      if (s) for (const [state, n] of Object.entries(s.terminals)) this.set({ state }, n);
    },
  });
}

type ScrapeDeps = { db: Db; clock: Clock; config: Pick<Config, 'fleet'> };
type Snapshot = {
  now: number;
  outbox: Awaited<ReturnType<typeof outboxStats>>;
  lockedIds: number;
  terminals: FleetStateCounts;
};

async function read(deps: ScrapeDeps): Promise<Snapshot | undefined> {
  const now = deps.clock.now().getTime();
  try {
    const [outbox, lockedIds, terminals] = await Promise.all([
      outboxStats(deps.db),
      countLockedIds(deps.db, now),
      terminalStates(deps, now),
    ]);
    return { now, outbox, lockedIds, terminals };
  } catch {
    return undefined;
  }
}

/** The fleet by state (R-FLEET-2), below the effective minimum version counted apart (R-FLEET-1). */
async function terminalStates(deps: ScrapeDeps, now: number): Promise<FleetStateCounts> {
  const set = (await readSetting(deps.db, MINIMUM_VERSION_SETTING)) ?? null;
  const minimum = higherKioskVersion(deps.config.fleet.minimumVersion, set);
  return countTerminalStates(deps.db, now, minimum === null ? null : (kioskVersionKey(minimum) ?? null));
}
