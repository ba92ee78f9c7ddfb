/** 15 minutes without an answer from the service: the staff session has ended there too. */
export const STAFF_IDLE_MS = 15 * 60 * 1000;

type Timers = { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * The console's idle clock: every answer of the service starts it again (the service counts its
 * 15 minutes from the last request); when it runs out, `onidle` is called once.
 */
export class IdleTimer {
  #handle: unknown = null;
  readonly #timers: Timers;
  readonly #ms: number;

  readonly #onidle: () => void;

  constructor(onidle: () => void, options: { ms?: number; timers?: Timers } = {}) {
    this.#onidle = onidle;
    this.#ms = options.ms ?? STAFF_IDLE_MS;
    this.#timers = options.timers ?? browserTimers;
  }

  get running(): boolean {
    return this.#handle !== null;
  }

  /** Starts (or starts again) the 15 minutes. */
  touch(): void {
    this.stop();
    this.#handle = this.#timers.set(() => {
      this.#handle = null;
      this.#onidle();
    }, this.#ms);
  }

  stop(): void {
    if (this.#handle !== null) this.#timers.clear(this.#handle);
    this.#handle = null;
  }
}
