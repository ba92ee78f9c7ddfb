/**
 * R-KIOSK-4: Electron never frees a partition, and each visitor has one, so the kiosk starts
 * again (the supervisor's restart exit code) after `restartAfterVisitors` visitors, or once it has
 * run past `restartAtHour` (local time) — only when nobody is at it.
 */
export type RestartPolicy = { restartAfterVisitors: number; restartAtHour: number | null };

/** The first `hour`:00 (local time) after `startedAt`. */
export function nextRestartAt(startedAt: number, hour: number): number {
  const at = new Date(startedAt);
  at.setHours(hour, 0, 0, 0);
  if (at.getTime() <= startedAt) at.setDate(at.getDate() + 1);
  return at.getTime();
}

/** Why a restart is due now, or undefined. `visitors`: partitions this process has retired. */
export function restartDue(
  policy: RestartPolicy,
  s: { visitors: number; startedAt: number; now: number },
): string | undefined {
  if (s.visitors >= policy.restartAfterVisitors) return `after ${policy.restartAfterVisitors} visitors`;
  if (policy.restartAtHour !== null && s.now >= nextRestartAt(s.startedAt, policy.restartAtHour))
    return `the daily restart at ${policy.restartAtHour}:00`;
  return undefined;
}
