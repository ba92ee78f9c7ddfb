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
