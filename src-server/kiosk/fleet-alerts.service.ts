import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { enqueueMail } from '../mail/mail.service.js';
import { fleetAlertMail } from './fleet-alert-mail.js';
import { inQuietHours } from './fleet-config.js';
import { alertCandidates, claimAlertChanges, officeNameOf, type AlertCandidate } from './fleet-alerts.repository.js';
import { silentSince, UNRESPONSIVE_AFTER_MS } from './silence.js';

/**
 * R-FLEET-2: when terminals of an office go 応答なし or come back, IT (FLEET_ALERT_MAIL_TO) is
 * mailed once per change per office, one mail listing every terminal of the change, through the
 * outbox. Each run looks at most `FLEET_ALERTS.maxTerminals` terminals (through the partial index
 * of migration 0017); what is left waits for the next run. During the quiet hours nothing is
 * claimed, so the first run after them mails what changed meanwhile, one batch per office.
 */
export const FLEET_ALERTS = {
  /** Real time between runs: a change is mailed within about this plus the outbox's own delay. */
  intervalMs: 60_000,
  /** Terminals a run looks at, each way (a whole office going dark fits: offices have ~30). */
  maxTerminals: 2_000,
} as const;

type Deps = Pick<AppDeps, 'db' | 'clock' | 'mailQueued'> & { config: Pick<AppDeps['config'], 'fleet'> };

export type AlertRunReport =
  { status: 'off' | 'quiet' } | { status: 'ran'; /** offices mailed */ mails: number; terminals: number };

function byOffice(rows: AlertCandidate[]): Map<string, AlertCandidate[]> {
  const offices = new Map<string, AlertCandidate[]>();
  for (const r of rows) offices.set(r.office_id, [...(offices.get(r.office_id) ?? []), r]);
  return offices;
}

/** One office's change, claimed and mailed in one transaction: the mail goes only with the claim. */
async function alertOffice(deps: Deps, officeId: string, rows: AlertCandidate[], since: number): Promise<number> {
  const { db, clock, config } = deps;
  const ids = (from: 0 | 1) => rows.filter((r) => r.alerted_silent === from).map((r) => r.id);
  return db.transaction().execute(async (trx) => {
    const silent = await claimAlertChanges(trx, { ids: ids(0), from: 0, silentSince: since });
    const back = await claimAlertChanges(trx, { ids: ids(1), from: 1, silentSince: since });
    if (!silent.length && !back.length) return 0;
    const mail = fleetAlertMail({
      office: await officeNameOf(trx, officeId),
      at: clock.now(),
      silent: silent.map((t) => t.label),
      back: back.map((t) => t.label),
      silentMinutes: UNRESPONSIVE_AFTER_MS / 60_000,
    });
    for (const to of config.fleet.alertMailTo) await enqueueMail(trx, clock, to, mail);
    return silent.length + back.length;
  });
}

/** One run (the worker's, or a test's): claims and mails every office's change it finds. */
export async function runFleetAlerts(deps: Deps): Promise<AlertRunReport> {
  if (!deps.config.fleet.alertMailTo.length) return { status: 'off' };
  const at = deps.clock.now();
  if (inQuietHours(deps.config.fleet.quietHours, at)) return { status: 'quiet' };
  const since = silentSince(at.getTime());
  const candidates = await alertCandidates(deps.db, since, FLEET_ALERTS.maxTerminals);
  let mails = 0;
  let terminals = 0;
  for (const [officeId, rows] of byOffice(candidates)) {
    const claimed = await alertOffice(deps, officeId, rows, since);
    if (claimed) mails++;
    terminals += claimed;
  }
  if (mails) deps.mailQueued();
  return { status: 'ran', mails, terminals };
}

/** The in-process worker (composeService): a run every `intervalMs` of real time, never two at once. */
export function createFleetAlertJob(deps: Deps & { log?: FastifyBaseLogger }) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= runFleetAlerts(deps)
      .then((r) => {
        if (r.status === 'ran' && r.mails) deps.log?.info({ ...r }, 'fleet alerts mailed');
      })
      .catch((err: unknown) =>
        deps.log?.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, 'fleet alerts failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  return {
    start(intervalMs: number = FLEET_ALERTS.intervalMs): void {
      if (!deps.config.fleet.alertMailTo.length) return;
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
