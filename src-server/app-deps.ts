import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Dialect } from './db/database.js';
import type { Db } from './db/schema.js';
import type { AttestationVerifier } from './login/attestation-verifier.js';

/**
 * What every feature receives. Built once in server.ts (or the test harness) and passed to
 * buildApp; features never read process.env or the system clock themselves.
 */
export interface AppDeps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  attestationVerifier: AttestationVerifier;
  /** Tell the mail sender that a committed transaction queued mail (it also polls). */
  mailQueued: () => void;
}
