/**
 * The few things core needs from the world, injected so tests move time and fake the OS
 * (ARCHITECTURE.md: "time is a parameter"). The Electron glue passes the real ones.
 */
export interface Clock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Structured log lines. Never pass a token, password, OTP or enrollment code. */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  info: (m, d) => console.log(`[kiosk] ${m}`, d ?? ''),
  warn: (m, d) => console.warn(`[kiosk] ${m}`, d ?? ''),
  error: (m, d) => console.error(`[kiosk] ${m}`, d ?? ''),
};

/**
 * User-level settings (electron-store in the glue: its get/set/delete match this shape).
 * Holds the configuration IT may leave to the terminal and the enrollment record.
 */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export class MemorySettingsStore implements SettingsStore {
  readonly data = new Map<string, unknown>();
  constructor(initial: Record<string, unknown> = {}) {
    for (const [k, v] of Object.entries(initial)) this.data.set(k, v);
  }
  get(key: string): unknown {
    return this.data.get(key);
  }
  set(key: string, value: unknown): void {
    this.data.set(key, value);
  }
  delete(key: string): void {
    this.data.delete(key);
  }
}
