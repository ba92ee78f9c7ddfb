import type { Clock, Logger } from '../ports.js';
import type { ServiceClient } from './service-client.js';

/** The answers that mean "the service cannot be reached": no answer at all, or a gateway's 502/503/504 (and the service's own 503). */
export const OFFLINE_ERRORS: ReadonlySet<string> = new Set(['network_error', 'service_unavailable']);

export type OfflineOptions = {
  clock: Clock;
  log: Logger;
  /** One cheap call to the service; true when it answered. */
  probe: () => Promise<boolean>;
  /** offline: show 「ただいまご利用いただけません」; online again: back to the visitor's screen as it was. */
  onChange: (offline: boolean) => void;
  /** first retry after this, doubling each time, capped (R-KIOSK-4 issue 13: back-off) */
  firstRetryMs?: number;
  maxRetryMs?: number;
  tickMs?: number;
};

/**
 * Issue 13 item 5: when the service cannot be reached, the kiosk says so and retries by itself
 * with a capped back-off on the injected clock, then goes back to the visitor's screen. It keeps how
 * long it was offline, for the next heartbeat to report (`pendingOfflineMs`, then `reported`).
 */
export function createOfflineMonitor(opts: OfflineOptions) {
  let since: number | undefined; // offline since
  let unreported = 0; // offline ms not yet sent with a heartbeat
  let handle: unknown;

  const goOnline = () => {
    if (since === undefined) return;
    const lasted = opts.clock.now() - since;
    unreported += lasted;
    since = undefined;
    if (handle !== undefined) opts.clock.clearInterval(handle);
    handle = undefined;
    opts.log.info('the service answers again', { offlineMs: lasted });
    opts.onChange(false);
  };
  const retries = createRetries(opts, goOnline);
  const tick = () => {
    if (since !== undefined) retries.tick();
  };

  return {
    get offline(): boolean {
      return since !== undefined;
    },
    /** When the next retry is due (ms since the epoch), for tests and the log. */
    get nextRetryAt(): number | undefined {
      return since === undefined ? undefined : retries.nextAt;
    },
    /** Every service answer passes here: an offline one starts the retries; any other ends them. */
    observe(error: string | undefined): void {
      if (error !== undefined && OFFLINE_ERRORS.has(error)) {
        if (since !== undefined) return;
        since = opts.clock.now();
        retries.begin(since);
        opts.log.warn('the service cannot be reached: offline screen, retrying', { error });
        handle = opts.clock.setInterval(tick, opts.tickMs ?? 1_000);
        opts.onChange(true);
      } else goOnline();
    },
    /** How long the kiosk was offline since the last heartbeat that reached the service (ongoing time included). */
    pendingOfflineMs(): number {
      return unreported + (since === undefined ? 0 : opts.clock.now() - since);
    },
    /** A heartbeat carrying `ms` reached the service. */
    reported(ms: number): void {
      unreported = Math.max(0, unreported - ms);
    },
    stop(): void {
      if (handle !== undefined) opts.clock.clearInterval(handle);
      handle = undefined;
    },
  };
}
export type OfflineMonitor = ReturnType<typeof createOfflineMonitor>;

/** The retries while offline: a probe once due, the wait doubling after each failed one, capped. */
function createRetries(opts: OfflineOptions, answered: () => void) {
  const first = opts.firstRetryMs ?? 2_000;
  const max = opts.maxRetryMs ?? 60_000;
  let delay = first;
  let nextAt = 0;
  let probing = false;
  const retryLater = () => {
    delay = Math.min(delay * 2, max);
    nextAt = opts.clock.now() + delay;
  };
  return {
    get nextAt(): number {
      return nextAt;
    },
    /** Offline from `since`: the first retry one first delay later. */
    begin(since: number): void {
      delay = first;
      nextAt = since + delay;
    },
    tick(): void {
      if (probing || opts.clock.now() < nextAt) return;
      probing = true;
      opts.probe().then(
        (ok) => {
          probing = false;
          if (ok) answered();
          else retryLater();
        },
        () => {
          probing = false;
          retryLater();
        },
      );
    },
  };
}

/** The retry: a nonce request (cheap, anonymous); any answer but an offline one means the service is back. */
export async function probeService(
  client: ServiceClient | undefined,
  terminalId: string | undefined,
): Promise<boolean> {
  if (!client || !terminalId) return false;
  const answer = await client.call('kioskNonce', { body: { terminalId } });
  return answer.ok || !OFFLINE_ERRORS.has(answer.error.error);
}

/** The error code of a bridge answer, if it is an offline one. */
export function offlineErrorOf(answer: unknown): string | undefined {
  const error = (answer as { ok?: boolean; error?: { error?: unknown } } | undefined)?.error?.error;
  return (answer as { ok?: boolean })?.ok === false && typeof error === 'string' && OFFLINE_ERRORS.has(error)
    ? error
    : undefined;
}
