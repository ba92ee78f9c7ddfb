import type { KioskEvent } from '../../../src-shared/kiosk-bridge.js';
import type { Logger } from '../ports.js';
import type { HeartbeatOutcome } from './heartbeat.js';

/**
 * R-FLEET-1: the service refuses this build (403 `kiosk_update_required`, to a heartbeat or a
 * login). The page then shows 「この端末は更新が必要です。係員にお知らせください。」 in place of the
 * login; the heartbeat goes on (the service records it, so IT sees the terminal), and the first
 * beat it accepts again (a lowered minimum) brings the login back. Events go out on changes only.
 */
export function createUpdateGate(deps: { emit: (event: KioskEvent) => void; log: Logger }) {
  let required = false;
  const set = (now: boolean) => {
    if (now === required) return;
    required = now;
    if (now) deps.log.warn('the service requires an update of this kiosk build (kiosk_update_required)');
    deps.emit({ type: now ? 'update-required' : 'update-cleared' });
  };
  return {
    get required(): boolean {
      return required;
    },
    /** A heartbeat settled: refused for the build, or accepted (the other outcomes say nothing of it). */
    heartbeat(outcome: HeartbeatOutcome): void {
      if (outcome === 'update_required') set(true);
      else if (outcome === 'ok' || outcome === 'diagnostics-requested') set(false);
    },
    /** A bridge answer (a visitor's login): the service's refusal of the build counts as well. */
    answer(result: unknown): void {
      if (refusedForUpdate(result)) set(true);
    },
  };
}
export type UpdateGate = ReturnType<typeof createUpdateGate>;

function refusedForUpdate(result: unknown): boolean {
  if (typeof result !== 'object' || result === null || !('ok' in result) || result.ok !== false) return false;
  const error = (result as { error?: { error?: unknown } }).error;
  return error?.error === 'kiosk_update_required';
}

type Dispatch = (channel: string, payload: unknown) => Promise<unknown>;

/** The bridge's door, telling the gate of every answer (as dispatchWatchingOffline tells the offline monitor). */
export function dispatchWatchingUpdates(dispatch: Dispatch, gate: Pick<UpdateGate, 'answer'>): Dispatch {
  return async (channel, payload) => {
    const result = await dispatch(channel, payload);
    gate.answer(result);
    return result;
  };
}
