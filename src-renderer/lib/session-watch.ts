import type { Host, HostError } from '../../src-shared/host.js';

/** Runs `run` once after `ms`; returns the cancel. Injected so a test moves time itself. */
export type Later = (ms: number, run: () => void) => () => void;
export const later: Later = (ms, run) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/**
 * A signed-in page follows its session: it asks the service when the session ends (a read that
 * does not keep it alive) and asks again then; once the service says it has ended, `ended` leads
 * to login and says why instead of showing the account to whoever comes to the screen next.
 * Requests in between move the end, so the second answer may set a later check.
 */
export class SessionWatch {
  #cancel: () => void = () => {};
  readonly #host: Host;
  readonly #later: Later;
  readonly #ended: (e: HostError) => boolean;
  readonly #signedIn: () => boolean;

  constructor(deps: { host: Host; later: Later; ended: (e: HostError) => boolean; signedIn: () => boolean }) {
    this.#host = deps.host;
    this.#later = deps.later;
    this.#ended = deps.ended;
    this.#signedIn = deps.signedIn;
  }

  async watch(): Promise<void> {
    this.#cancel();
    const r = await this.#host.sessionStatus();
    if (!this.#signedIn()) return;
    // Not answered (offline, a fault): ask again in a minute. Ended: to login.
    if (!r.ok && this.#ended(r.error)) return;
    // The service's count, not this machine's clock; a second late so the end has surely passed.
    const seconds = r.ok && r.data ? r.data.secondsLeft + 1 : 60;
    this.#cancel = this.#later(seconds * 1000, () => void this.watch());
  }

  stop(): void {
    this.#cancel();
  }
}
