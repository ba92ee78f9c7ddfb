import type { KioskStartHint } from '../../../src-shared/kiosk-start-hint.js';
import type { Logger } from '../ports.js';
import type { ServiceClient } from '../service/service-client.js';
import type { PartitionRotation } from './partitions.js';
import type { VisitorSession } from './visitor-session.js';

/**
 * What a wipe needs from the browser side, per partition (core names them: ./partitions.ts).
 * Electron: `session.fromPartition(name)` and the window's WebContentsViews; the Playwright
 * suite: one browser context per partition and its pages.
 */
export interface SessionWiper {
  /**
   * The next visitor's login page, loaded and drawn in a spare view on `partition` (a new one),
   * never shown until `replaceContents(partition)`. Its bridge calls wait until it is shown.
   * `start` goes into its URL fragment (`kioskStartFragment`): enrolled, language — no visitor data.
   */
  prepareNext(partition: string, start?: KioskStartHint): Promise<void>;
  /**
   * Shows the page on `partition` as the kiosk's page: the one prepared there (waiting for it if
   * it is still loading), else a new one loaded now. From then on the old page's bridge calls are
   * refused and it gets no events; it is no longer shown.
   */
  replaceContents(partition: string, start?: KioskStartHint): Promise<void>;
  /** Closes the retired partition's page; resolves when it is gone (it can write nothing after; sessionStorage and its form state die with it). */
  closePage(partition: string): Promise<void>;
  /** The OS clipboard (a visitor may have copied an ID or a password). */
  clearClipboard(): Promise<void>;
  /** Cookies, localStorage, IndexedDB, service workers, cache storage, … of the retired partition. */
  clearStorageData(partition: string): Promise<void>;
  clearHttpCache(partition: string): Promise<void>;
  clearAuthCache(partition: string): Promise<void>;
  /** What is left of the last visitor: the retired partition's cookies and workers, the shown page's storage; empty when the wipe worked. */
  leftovers(old: string | undefined): Promise<string[]>;
  /** Nothing holds the retired partition from here (Electron keeps its memory until the process ends). */
  dropPartition(partition: string): Promise<void>;
  /** Last resort when something is left, and the restart policy: start the app again (a new process). */
  restartApp(reason: string): void;
}

export type WipeReason =
  'idle' | 'logout' | 'suspend' | 'lock-screen' | 'start-up' | 'renderer-gone' | 'terminal-revoked' | 'admin';
export type WipeReport = { reason: WipeReason; steps: string[]; leftovers: string[]; restarted: boolean };

export type WipeDeps = {
  session: VisitorSession;
  client: () => ServiceClient | undefined;
  wiper: SessionWiper;
  partitions: PartitionRotation;
  log: Logger;
  start?: () => KioskStartHint;
};

/**
 * R-KIOSK-4: end the visitor's session at the service, forget it here, show the next visitor's
 * page (ready on a partition of its own), clear the clipboard, clear the retired partition, check,
 * drop it. The credential is taken out of the session first and held only for the logout call,
 * which runs beside everything else. The new page never shared storage with the old one, so it is
 * shown first; the old partition is cleared after its page is closed (nothing can write to it
 * then), checked when the logout has settled too, and dropped behind the report. A failed step other than the logout
 * restarts the kiosk. The report lists the steps in a fixed order.
 */
export async function wipeVisitor(reason: WipeReason, deps: WipeDeps): Promise<WipeReport> {
  const attempt = async (name: string, run: () => Promise<void>): Promise<string> => {
    try {
      await run();
      return name;
    } catch (error) {
      deps.log.error(`wipe: ${name} failed`, { reason, error: String(error) });
      return `${name} (failed)`;
    }
  };

  const credential = deps.session.credential;
  const client = deps.client();
  deps.session.drop();
  const logout = attempt('logout', async () => {
    if (!credential || !client) return;
    const answer = await client.call('logout', { credential });
    if (!answer.ok && answer.error.error !== 'unauthenticated') throw new Error(answer.error.error);
  });
  const { next, old } = deps.partitions.advance();
  const { wiper } = deps;
  const replaced = await attempt('replace-contents', () => wiper.replaceContents(next, deps.start?.()));
  deps.log.info('wipe: next page shown', { reason }); // what the next visitor waits for; the rest is behind it
  const clipboard = attempt('clear-clipboard', () => wiper.clearClipboard());
  const closed = await attempt('close-old-page', async () => void (old && (await wiper.closePage(old))));
  const behind = await Promise.all([
    clipboard,
    attempt('clear-storage', async () => void (old && (await wiper.clearStorageData(old)))),
    attempt('clear-http-cache', async () => void (old && (await wiper.clearHttpCache(old)))),
    attempt('clear-auth-cache', async () => void (old && (await wiper.clearAuthCache(old)))),
  ]);
  const steps = [await logout, 'drop-token', replaced, closed, ...behind];

  let leftovers: string[];
  // (the clears above start only once the old page is gone: nothing can write to its partition then)
  try {
    leftovers = await wiper.leftovers(old);
  } catch (error) {
    leftovers = [`verification failed: ${String(error)}`];
  }
  steps.push('verify');
  const restarted = leftovers.length > 0 || steps.some((s) => s.endsWith('(failed)') && s !== 'logout (failed)');
  if (restarted) {
    deps.log.error('wipe: traces remain; restarting the kiosk', { reason, leftovers, steps });
    wiper.restartApp(`wipe (${reason}) left: ${leftovers.join(', ') || steps.join(', ')}`);
  } else deps.log.info('wipe: done', { reason });
  // Cleared and checked: dropping it only lets go of it (no page of it is left to read it), so
  // the next visitor does not wait for it.
  if (old) void attempt('drop-partition', () => wiper.dropPartition(old));
  return { reason, steps, leftovers, restarted };
}

/**
 * After a wipe: the next visitor's page is prepared on a new partition while this visitor is
 * here, so the next wipe only swaps it in. A page that fails to load is made again at the wipe.
 * Asked again with the same start hint before a wipe took it, it does nothing (one page each).
 */
export function prepareNextPage(deps: Pick<WipeDeps, 'wiper' | 'partitions' | 'log' | 'start'>): Promise<void> {
  const start = deps.start?.();
  const reserved = deps.partitions.reserve(JSON.stringify(start ?? null));
  if (!reserved) return Promise.resolve(); // that page is made (or being made) already
  const { name, preparation } = reserved;
  return deps.wiper.prepareNext(name, start).catch((error: unknown) => {
    deps.partitions.unready(name, preparation);
    deps.log.warn("the next visitor's page could not be prepared; the next wipe loads it", { error: String(error) });
  });
}

/** One wipe at a time: a second trigger during a wipe waits for it and then wipes again. */
export function serializeWipes(run: (reason: WipeReason) => Promise<WipeReport>) {
  let last: Promise<unknown> = Promise.resolve();
  return (reason: WipeReason): Promise<WipeReport> => {
    const next = last.then(() => run(reason));
    last = next.catch(() => undefined);
    return next;
  };
}

/**
 * The kiosk's wipes (R-KIOSK-4): one at a time; after each, `afterWipe` (the idle guard starts
 * over, the offline screen is said again) and the next visitor's page prepared, unless the wipe
 * restarts the app; then `settled` (the restart policy looks).
 */
export function setupWipes(
  deps: Required<Omit<WipeDeps, 'client'>> & {
    client: WipeDeps['client'];
    afterWipe: () => void;
    restarting: () => void;
    settled: () => void;
  },
) {
  const page = { wiper: deps.wiper, partitions: deps.partitions, log: deps.log, start: deps.start };
  let running = 0;
  const wipe = serializeWipes(async (reason: WipeReason) => {
    running++;
    try {
      const report = await wipeVisitor(reason, deps);
      deps.afterWipe();
      if (!report.restarted)
        void prepareNextPage(page); // while the next visitor is here
      else deps.restarting();
      return report;
    } finally {
      running--;
      deps.settled();
    }
  });
  return {
    wipe,
    /** the page made ahead again (after 端末登録: it was made for a terminal not yet enrolled) */
    prepareNextPage: () => void prepareNextPage(page),
    get wiping(): boolean {
      return running > 0;
    },
  };
}
