import type { Clock } from './ports.js';

/** A clock tests move (Vitest, the kiosk-host suite, and the Electron suite's test hooks): `advance` fires due intervals in order, no real waiting. */
export class ManualClock implements Clock {
  private time: number;
  private timers = new Map<number, { fn: () => void; every: number; next: number }>();
  private seq = 0;
  constructor(start = Date.UTC(2026, 10, 25, 9, 0, 0)) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  setInterval(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { fn, every: ms, next: this.time + ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.next <= end).sort((a, b) => a[1].next - b[1].next)[0];
      if (!due) break;
      const [, timer] = due;
      this.time = timer.next;
      timer.next += timer.every;
      timer.fn();
    }
    this.time = end;
  }
}
