import type { StaffResult } from './staff-client.js';

/**
 * One form or button of the console: errors by field, a message for the whole action, and what
 * it is waiting for (the passkey prompt or the service) so the screen can say so. The values
 * typed live in the screen and are never cleared by a failure.
 */
export class ActionState<K extends string = string> {
  errors = $state<Partial<Record<K, string>>>({});
  message = $state<string | null>(null);
  waiting = $state<'passkey' | 'service' | null>(null);
  /** Bumped on every failure so the screen can move focus to the first error. */
  attempt = $state(0);

  get busy(): boolean {
    return this.waiting !== null;
  }

  touch(field: K): void {
    if (this.errors[field] === undefined) return;
    const next = { ...this.errors };
    delete next[field];
    this.errors = next;
  }

  fail(errors: Partial<Record<K, string>>, message: string | null = null): void {
    this.errors = errors;
    this.message = message;
    this.attempt += 1;
  }

  clear(): void {
    this.errors = {};
    this.message = null;
  }

  /** Runs one step unless one is running (no double submit); a throw becomes a failure too. */
  async step<T>(waiting: 'passkey' | 'service', request: () => Promise<StaffResult<T>>): Promise<StaffResult<T>> {
    this.waiting = waiting;
    try {
      return await request();
    } catch (err) {
      return {
        ok: false,
        error: { error: 'internal_error', message: err instanceof Error ? err.message : String(err) },
      };
    } finally {
      this.waiting = null;
    }
  }
}

/** Staff IDs and codes as typed: full-width letters and digits made half-width, spaces dropped. */
export function normalizeCode(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}
