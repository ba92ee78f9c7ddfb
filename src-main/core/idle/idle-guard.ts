import type { Clock } from '../ports.js';
import { idleStep, type IdleEffect, type IdleState, type IdleTimings } from './idle-machine.js';

export type IdleGuardOptions = IdleTimings & {
  clock: Clock;
  /** OS idle time in ms (powerMonitor in the glue); absent where the OS view is unknown. */
  osIdleMs?: () => number;
  onEffect: (effect: IdleEffect) => void;
  tickMs?: number;
};

/** Drives `idleStep` on a timer. The effects go to the glue: countdown to the page, expire → wipe. */
export function createIdleGuard(opts: IdleGuardOptions) {
  let state: IdleState = { phase: 'pristine' };
  let handle: unknown;

  const apply = (next: { state: IdleState; effects: IdleEffect[] }) => {
    state = next.state;
    for (const effect of next.effects) opts.onEffect(effect);
  };

  return {
    start() {
      if (handle === undefined)
        handle = opts.clock.setInterval(() => apply(idleStep(state, tickEvent(), opts)), opts.tickMs ?? 1000);
    },
    stop() {
      if (handle !== undefined) opts.clock.clearInterval(handle);
      handle = undefined;
    },
    input() {
      apply(idleStep(state, { type: 'input', at: opts.clock.now() }, opts));
    },
    wiped() {
      apply(idleStep(state, { type: 'wiped' }, opts));
    },
    get state(): IdleState {
      return state;
    },
  };

  function tickEvent() {
    const os = opts.osIdleMs?.();
    return os === undefined
      ? { type: 'tick' as const, at: opts.clock.now() }
      : { type: 'tick' as const, at: opts.clock.now(), osIdleMs: os };
  }
}
export type IdleGuard = ReturnType<typeof createIdleGuard>;
