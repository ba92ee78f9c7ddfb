/**
 * R-KIOSK-4: the idle state machine, pure. `pristine` means nothing has happened since the last
 * wipe (no visitor, nothing typed), so there is nothing to wipe. Any input during the warning
 * brings it back to `active`: the session is extended.
 */
export type IdleState =
  | { phase: 'pristine' }
  | { phase: 'active'; lastInputAt: number }
  | { phase: 'warning'; lastInputAt: number; secondsLeft: number }
  | { phase: 'expired' };

export type IdleEvent =
  /** in-app input (page activity, before-input-event, 「ログインを続ける」) */
  | { type: 'input'; at: number }
  /** a tick of the timer; `osIdleMs` is the OS's idle time when known (sees all input) */
  | { type: 'tick'; at: number; osIdleMs?: number }
  /** the wipe is done: a fresh login with nothing of the last visitor */
  | { type: 'wiped' };

export type IdleEffect = { type: 'warn'; secondsLeft: number } | { type: 'active' } | { type: 'expire' };

export type IdleTimings = { timeoutMs: number; warningMs: number };

export function idleStep(
  state: IdleState,
  event: IdleEvent,
  t: IdleTimings,
): { state: IdleState; effects: IdleEffect[] } {
  if (event.type === 'wiped') return { state: { phase: 'pristine' }, effects: [] };
  if (state.phase === 'expired') return { state, effects: [] }; // wiping: only `wiped` leaves it
  if (event.type === 'input') {
    const effects: IdleEffect[] = state.phase === 'warning' ? [{ type: 'active' }] : [];
    return { state: { phase: 'active', lastInputAt: event.at }, effects };
  }
  if (state.phase === 'pristine') return { state, effects: [] };

  // Idle is the shorter of the app's and the OS's view: input anywhere counts.
  const appIdle = event.at - state.lastInputAt;
  const idleMs = event.osIdleMs === undefined ? appIdle : Math.min(appIdle, event.osIdleMs);
  const lastInputAt = event.at - idleMs;
  if (idleMs >= t.timeoutMs) return { state: { phase: 'expired' }, effects: [{ type: 'expire' }] };
  if (idleMs >= t.timeoutMs - t.warningMs) {
    const secondsLeft = Math.ceil((t.timeoutMs - idleMs) / 1000);
    const changed = state.phase !== 'warning' || state.secondsLeft !== secondsLeft;
    return {
      state: { phase: 'warning', lastInputAt, secondsLeft },
      effects: changed ? [{ type: 'warn', secondsLeft }] : [],
    };
  }
  const effects: IdleEffect[] = state.phase === 'warning' ? [{ type: 'active' }] : [];
  return { state: { phase: 'active', lastInputAt }, effects };
}
