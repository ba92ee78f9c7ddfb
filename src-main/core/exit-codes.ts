/**
 * How the kiosk process ends, for its supervisor: Windows Shell Launcher (build/windows/
 * shell-launcher.xml) and the Linux session loop (build/linux/hellowork-kiosk-loop.sh) restart the
 * kiosk on every exit except the IT exit. A packaged kiosk therefore never relaunches itself
 * (`app.relaunch()` plus the supervisor's restart would start two, and the second would lose the
 * single-instance lock and exit, over and over): it exits and lets the supervisor start it again.
 */
export const KIOSK_EXIT = {
  /** The hidden admin exit (chord + PIN): the supervisor leaves the session to IT. */
  itExit: 64,
  /** The wipe could not prove the partition empty, or the restart policy (N visitors, the daily hour): start again from nothing. */
  restart: 75,
  /** The configuration is invalid: restarting would not help, but the supervisor may retry. */
  configInvalid: 1,
} as const;

/**
 * `hellowork-kiosk --self-test` (issue 22): the post-install smoke check ends with the code of the
 * first check that failed, in the order they run (core/self-test); 0 when all passed. Documented for
 * IT in docs/it-staff.md ("Check an install: --self-test"). Never 64 or 75: a supervisor that
 * somehow ran it would neither stop nor loop on it.
 */
export const SELF_TEST_EXIT = {
  ok: 0,
  /** The policy file or the kiosk's own settings cannot be read or are invalid (as KIOSK_EXIT.configInvalid). */
  config: 1,
  /** Not enrolled, enrolled on another machine, or the terminal key is missing or is not the enrolled one. */
  enrollment: 3,
  /** The service did not answer GET /api/v1/meta as the My Page service (network, TLS, proxy, down). */
  service: 4,
  /** This machine's clock is too far from the service's (its Date header). */
  clock: 5,
} as const;
