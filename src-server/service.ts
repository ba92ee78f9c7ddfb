import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions, type ServiceDeps } from './app.js';
import { createAttestationVerifier } from './app-features.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { Db } from './db/schema.js';
import type { AttestationVerifier } from './login/attestation-verifier.js';
import { createReadiness, type Readiness } from './ops/readiness.js';
import { buildStaffApp } from './staff-app.js';

/** What a caller may put in place of the deployment's parts (tests: a TestClock, a fake verifier, quiet logs). */
export interface ServiceOverrides {
  clock?: Clock;
  /** Default: the one `serve` uses (createAttestationVerifier). */
  attestationVerifier?: AttestationVerifier;
  /** buildApp's options (logger, mail poll, sweep interval); the readiness list is the service's own. */
  build?: Omit<BuildOptions, 'readiness'>;
}

/** The service, composed and ready, listening nowhere yet: the caller decides where. */
export interface ComposedService {
  deps: ServiceDeps;
  db: Db;
  app: FastifyInstance;
  /** The staff console's app (STAFF_PORT set), sharing db, clock and the mail sender. */
  staffApp?: FastifyInstance;
  /** The checks behind /readyz; startServer marks the instance draining on shutdown. */
  readiness: Readiness;
  /** Closes the apps, then the database; twice is once. */
  close: () => Promise<void>;
}

/**
 * The one wiring of the service: open the database (with the deployment's timeouts), migrate it,
 * the clock and the kiosk attestation verifier, buildApp (and buildStaffApp when STAFF_PORT is
 * set). `serve` (startServer), the test harness, the suites that run several instances on one
 * database and the bench all start the service through it.
 */
export async function composeService(config: Config, overrides: ServiceOverrides = {}): Promise<ComposedService> {
  // The app (and its logger) is built after the database is open; until then lost connections go to stderr.
  let log: FastifyInstance['log'] | undefined;
  const { db, dialect } = openDatabase(config.databaseUrl, {
    timeouts: config.dbTimeouts,
    onConnectionError: (err) =>
      log
        ? log.warn({ err: { message: err.message } }, 'database connection lost; reconnecting on the next query')
        : console.warn(`mypage: database connection lost (${err.message})`),
  });
  try {
    await migrateToLatest(db);
    const clock = overrides.clock ?? systemClock;
    const deps: ServiceDeps = {
      config,
      db,
      dialect,
      clock,
      attestationVerifier: overrides.attestationVerifier ?? createAttestationVerifier(clock),
    };
    const readiness = createReadiness();
    const app = await buildApp(deps, { ...overrides.build, readiness });
    log = app.log;
    // The staff listener kicks the employer app's mail sender after its own commits.
    const staffApp = config.staffPort ? await buildStaffApp(deps, { mailQueued: () => app.mailQueued?.() }) : undefined;
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        await Promise.all([app.close(), staffApp?.close()]);
        await db.destroy();
      })());
    return { deps, db, app, ...(staffApp ? { staffApp } : {}), readiness, close };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
