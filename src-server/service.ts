import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { AppDeps } from './app-deps.js';
import { employerListener } from './app.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { getDummyHash } from './crypto/passwords.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { Db } from './db/schema.js';
import { loggerOptions } from './http/logging.js';
import { createRateLimits } from './http/rate-limit.js';
import { kioskAttestationVerifier } from './kiosk/attestation.service.js';
import { createFleetAlertJob } from './kiosk/fleet-alerts.service.js';
import { withMinimumVersion } from './kiosk/minimum-version.service.js';
import { buildListener } from './listener.js';
import type { AttestationVerifier } from './login/attestation-verifier.js';
import { createOutboxSender } from './mail/outbox-sender.js';
import { coreChecks } from './ops/checks.js';
import { createMetrics } from './ops/metrics.js';
import { createReadiness, type Readiness } from './ops/readiness.js';
import { createRetentionSweep } from './ops/retention.js';
import { staffListener } from './staff-app.js';

/** What the deployment provides; composeService adds the mail sender's kick, the readiness checks and the metrics. */
export type ServiceDeps = Omit<AppDeps, 'mailQueued' | 'readiness' | 'metrics'>;

/** What a caller may put in place of the deployment's parts (tests: a TestClock, a fake verifier, quiet logs). */
export interface ServiceOverrides {
  clock?: Clock;
  /** Default: the kiosk feature's (kiosk/attestation.service.ts), the one `serve` uses. */
  attestationVerifier?: AttestationVerifier;
  /** The one logger of the service and both listeners; default: pino at config.logLevel with secrets redacted. */
  log?: FastifyBaseLogger;
  /** How often the mail sender looks for due mail (real milliseconds). */
  mailPollMs?: number;
  /** Real time between retention sweeps (default RETENTION.intervalMs); 0: never (tests call runOnce). */
  sweepIntervalMs?: number;
  /** Real time between fleet alert runs (default FLEET_ALERTS.intervalMs); 0: never (tests call runFleetAlerts). */
  fleetAlertIntervalMs?: number;
}

/** The service, composed and ready, listening nowhere yet: the caller decides where. */
export interface ComposedService {
  deps: ServiceDeps;
  db: Db;
  app: FastifyInstance;
  /** The staff console's listener (STAFF_PORT set), sharing db, clock, the mail sender and the limits. */
  staffApp?: FastifyInstance;
  /** The checks behind /readyz; startServer marks the instance draining on shutdown. */
  readiness: Readiness;
  /** Closes the listeners, then stops the workers, then closes the database; twice is once. */
  close: () => Promise<void>;
}

/**
 * The one composition root of the service: open the database (with the deployment's timeouts),
 * migrate it, build the workers once (mail sender, retention sweep, readiness, metrics, per-IP
 * limits) and hand them to each listener (buildListener: the employer's, and the staff console's
 * when STAFF_PORT is set). `serve` (startServer), the test harness, the suites that run several
 * instances on one database and the bench all start the service through it.
 */
export async function composeService(config: Config, overrides: ServiceOverrides = {}): Promise<ComposedService> {
  const log = overrides.log ?? pino(loggerOptions(config.logLevel));
  const { db, dialect } = openDatabase(config.databaseUrl, {
    timeouts: config.dbTimeouts,
    onConnectionError: (err) =>
      log.warn({ err: { message: err.message } }, 'database connection lost; reconnecting on the next query'),
  });
  const opened: Array<{ close(): Promise<unknown> }> = [];
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Listeners first (requests in flight finish and may still queue mail), then the workers.
      for (const part of opened.reverse()) await part.close();
      await db.destroy();
    })());
  try {
    await migrateToLatest(db);
    const clock = overrides.clock ?? systemClock;
    const service: ServiceDeps = {
      config,
      db,
      dialect,
      clock,
      attestationVerifier: withMinimumVersion(overrides.attestationVerifier ?? kioskAttestationVerifier, config),
    };
    const workers = createWorkers(service, log, overrides);
    opened.push(workers);
    const deps: AppDeps = {
      ...service,
      mailQueued: workers.mailQueued,
      readiness: workers.readiness,
      metrics: workers.metrics.port,
    };
    // The dummy hash is made before the first request, so the first unknown ID is not slower.
    await getDummyHash();
    const app = await buildListener(deps, workers, employerListener(config, workers));
    opened.push(app);
    const staffApp = config.staffPort ? await buildListener(deps, workers, staffListener(config)) : undefined;
    if (staffApp) opened.push(staffApp);
    workers.start();
    return { deps: service, db, app, ...(staffApp ? { staffApp } : {}), readiness: workers.readiness, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The parts of the service that are not a listener's, one of each per instance. */
function createWorkers(service: ServiceDeps, log: FastifyBaseLogger, overrides: ServiceOverrides) {
  const { config } = service;
  // Without SMTP the sender still completes the decoys' dropped rows (outbox-sender.ts).
  const sender = createOutboxSender({
    db: service.db,
    dialect: service.dialect,
    clock: service.clock,
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    maxConnections: config.smtpMaxConnections,
    log,
    pollMs: overrides.mailPollMs,
  });
  const readiness = createReadiness();
  for (const check of coreChecks(service)) readiness.register(check);
  const metrics = createMetrics(service);
  const rateLimits = createRateLimits(config, { log, readiness, registry: metrics.registry });
  const sweep = createRetentionSweep({ ...service, log });
  const mailQueued = () => void sender.kick();
  // R-FLEET-2: alert mails when an office's terminals go silent or come back (off without FLEET_ALERT_MAIL_TO).
  const alerts = createFleetAlertJob({ ...service, mailQueued, log });
  return {
    log,
    readiness,
    metrics,
    rateLimits,
    /** A committed transaction queued mail: the sender looks now (it also polls). */
    mailQueued,
    start(): void {
      sender.start();
      if (overrides.sweepIntervalMs !== 0) sweep.start(overrides.sweepIntervalMs);
      if (overrides.fleetAlertIntervalMs !== 0) alerts.start(overrides.fleetAlertIntervalMs);
    },
    async close(): Promise<void> {
      await Promise.all([sender.stop(), sweep.stop(), alerts.stop(), rateLimits.close()]);
    },
  };
}
