import { describe, expect, it } from 'vitest';
import { createIdleGuard } from '../../../src-main/core/idle/idle-guard.js';
import type { IdleEffect } from '../../../src-main/core/idle/idle-machine.js';
import { ManualClock } from '../fakes/manual-clock.js';

function guard(opts: { osIdleMs?: () => number } = {}) {
  const clock = new ManualClock();
  const effects: IdleEffect[] = [];
  const g = createIdleGuard({
    clock,
    timeoutMs: 120_000,
    warningMs: 30_000,
    onEffect: (e) => void effects.push(e),
    ...opts,
  });
  g.start();
  return { clock, effects, g };
}

describe('idle guard (R-KIOSK-4): active → warning with countdown → wipe, on a moved clock', () => {
  it('R-KIOSK-4: warns 30 s before the 120 s timeout, counts down each second, then expires once', () => {
    const { clock, effects, g } = guard();
    g.input();
    clock.advance(89_000);
    expect(effects).toEqual([]);
    clock.advance(1_000);
    expect(effects).toEqual([{ type: 'warn', secondsLeft: 30 }]);
    clock.advance(29_000);
    expect(effects.at(-1)).toEqual({ type: 'warn', secondsLeft: 1 });
    expect(effects.filter((e) => e.type === 'warn')).toHaveLength(30);
    clock.advance(1_000);
    expect(effects.at(-1)).toEqual({ type: 'expire' });
    clock.advance(600_000);
    expect(effects.filter((e) => e.type === 'expire')).toHaveLength(1); // waits for the wipe
    expect(g.state.phase).toBe('expired');
  });

  it('R-KIOSK-4: any input during the warning extends the session', () => {
    const { clock, effects, g } = guard();
    g.input();
    clock.advance(100_000);
    expect(g.state).toMatchObject({ phase: 'warning', secondsLeft: 20 });
    g.input();
    expect(effects.at(-1)).toEqual({ type: 'active' });
    clock.advance(119_000);
    expect(effects.some((e) => e.type === 'expire')).toBe(false);
    clock.advance(1_000);
    expect(effects.at(-1)).toEqual({ type: 'expire' });
  });

  it('a fresh login screen with no input (pristine) is never wiped again and again', () => {
    const { clock, effects } = guard();
    clock.advance(3_600_000);
    expect(effects).toEqual([]);
  });

  it('after the wipe the guard is pristine until the next visitor touches the screen', () => {
    const { clock, effects, g } = guard();
    g.input();
    clock.advance(120_000);
    g.wiped();
    expect(g.state).toEqual({ phase: 'pristine' });
    clock.advance(600_000);
    expect(effects.filter((e) => e.type === 'expire')).toHaveLength(1);
    g.input();
    clock.advance(120_000);
    expect(effects.filter((e) => e.type === 'expire')).toHaveLength(2);
  });

  it('idle is the shorter of OS idle and in-app input: OS-level input (mouse, touch) keeps the session', () => {
    let osIdle = 0;
    const { clock, effects, g } = guard({ osIdleMs: () => osIdle });
    g.input();
    // The visitor moves the mouse (seen by the OS only) every 50 s for 10 minutes.
    for (let i = 0; i < 12; i++) {
      osIdle = 0;
      clock.advance(50_000);
      osIdle = 50_000;
    }
    expect(effects.some((e) => e.type === 'expire' || e.type === 'warn')).toBe(false);
    // Then the visitor leaves: the OS sees nothing either.
    const start = clock.now();
    const stepOs = () => (osIdle = clock.now() - start);
    for (let i = 0; i < 130; i++) {
      clock.advance(1_000);
      stepOs();
    }
    expect(effects.some((e) => e.type === 'expire')).toBe(true);
  });
});
