import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Dialect } from './db/database.js';
import type { Db } from './db/schema.js';
import type { AttestationVerifier } from './login/attestation-verifier.js';
import type { MetricsPort } from './ops/metrics-port.js';
import type { Readiness } from './ops/readiness.js';

/**
 * What every feature receives. Built once by composeService (service.ts) and given to both
 * listeners; features never read process.env or the system clock themselves.
 */
export interface AppDeps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  attestationVerifier: AttestationVerifier;
  /** Tell the mail sender that a committed transaction queued mail (it also polls). */
  mailQueued: () => void;
  /** Named checks behind GET /readyz; a feature that depends on an outside service registers one. */
  readiness: Readiness;
  /** Outcome counters for /metrics (ops/metrics-port.ts; `noopMetrics` where none are kept). */
  metrics: MetricsPort;
}
