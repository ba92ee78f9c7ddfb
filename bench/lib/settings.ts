/**
 * How long and how hard each phase runs. Every load phase is bounded by time AND by request
 * count. `BENCH_QUICK=1` is a smoke run (a few seconds a phase) for a busy machine; its figures
 * are not for the record.
 */
const quick = process.env.BENCH_QUICK === '1';

export const settings = {
  quick,
  argon2Ms: quick ? 2_000 : 8_000,
  /** Connections for the login phases: many clients, far more than there are cores. */
  loginConnections: 64,
  loginS: quick ? 3 : 10,
  loginMax: quick ? 300 : 3_000,
  cheapConnections: 32,
  cheapS: quick ? 2 : 5,
  cheapMax: quick ? 3_000 : 50_000,
  /** Each OTP request consumes one fresh challenge; the phase stops when they run out. */
  otpChallenges: quick ? 3_000 : 20_000,
  /**
   * Accounts the login load rotates over, all with correct passwords. Twice the connections, so
   * no ID ever has 5 logins in flight: R-LOGIN-3 reserves a try before the hash is checked, and
   * 5 concurrent reservations lock an ID even when every password is right.
   */
  accounts: 128,
  burstTerminals: quick ? 50 : 500,
  /** Wrong passwords sent for the victim during the scale-out run. */
  victimTries: 40,
  /** How long the mail phase waits for the outbox to empty after its login load. */
  mailDrainMs: quick ? 30_000 : 120_000,
  screenRuns: quick ? 5 : 20,
  wipeRuns: quick ? 3 : 20,
};
export type Settings = typeof settings;
