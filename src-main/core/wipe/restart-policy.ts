import type { Clock, Logger } from '../ports.js';
import type { PartitionRotation } from './partitions.js';

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

/**
 * R-KIOSK-4: the restart policy, checked each minute and after each wipe, only when nobody is at
 * the kiosk. A wipe that restarts the app itself (traces left) stops it from asking again.
 */
export function setupRestartPolicy(deps: {
  policy: RestartPolicy;
  clock: Clock;
  log: Logger;
  partitions: PartitionRotation;
  /** nothing since the last wipe: no wipe running, no input, no credential, no OTP step */
  nobodyThere: () => boolean;
  restartApp: (reason: string) => void;
}) {
  const startedAt = deps.clock.now();
  let restarting = false;
  let timer: unknown;
  function restartIfDue(): void {
    if (restarting || !deps.nobodyThere()) return;
    const { partitions } = deps;
    const why = restartDue(deps.policy, { visitors: partitions.retired, startedAt, now: deps.clock.now() });
    if (!why) return;
    restarting = true;
    deps.log.info('restarting the kiosk while nobody is at it', {
      why,
      visitors: partitions.retired,
      partitions: partitions.made,
    });
    deps.restartApp(`restart policy: ${why}`);
  }
  return {
    restartIfDue,
    /** the app restarts for another reason (a wipe left traces): the policy has nothing left to do */
    restartingAnyway(): void {
      restarting = true;
    },
    start(): void {
      timer = deps.clock.setInterval(restartIfDue, 60_000);
    },
    stop(): void {
      if (timer !== undefined) deps.clock.clearInterval(timer);
    },
  };
}
