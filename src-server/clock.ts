/**
 * Every rule with a duration reads this clock (ARCHITECTURE.md: "time is a parameter"), so tests
 * move time instead of sleeping. The service uses the system clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export class TestClock implements Clock {
  #ms: number;
  constructor(start: Date = new Date('2026-04-01T00:00:00.000Z')) {
    this.#ms = start.getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
  set(d: Date): void {
    this.#ms = d.getTime();
  }
}

/** Times are stored as epoch milliseconds (integers) on both databases. */
export function nowMs(clock: Clock): number {
  return clock.now().getTime();
}
