import type { KioskStartHint } from '../../../src-shared/kiosk-start-hint.js';
import type { Logger } from '../ports.js';
import type { ServiceClient } from '../service/service-client.js';
import type { VisitorSession } from './visitor-session.js';

/**
 * What a wipe needs from the browser side. Electron: the window's one in-memory session and its
 * WebContentsView; the Playwright suite: the browser context and its page.
 */
export interface SessionWiper {
  /** cookies, localStorage, IndexedDB, service workers, cache storage, … of the partition */
  clearStorageData(): Promise<void>;
  clearHttpCache(): Promise<void>;
  clearAuthCache(): Promise<void>;
  /**
   * New web contents showing a fresh login: sessionStorage and in-memory page state (typed form
   * fields) survive every clear call, so only replacing the contents removes them. The old
   * contents are closed first (from then on they can write nothing); resolves once the new
   * document is committed, so the check runs while the login page is still starting.
   * `start` (when given) goes into the new page's URL fragment (`kioskStartFragment`): what main
   * knows, so the shell draws the login form without waiting for its status call.
   */
  replaceContents(start?: KioskStartHint): Promise<void>;
  /** What is left of the last visitor; empty when the wipe worked. */
  leftovers(): Promise<string[]>;
  /** Last resort when something is left: start the app again (a new process, a new partition). */
  restartApp(reason: string): void;
}

export type WipeReason = 'idle' | 'logout' | 'suspend' | 'lock-screen' | 'start-up' | 'renderer-gone' | 'terminal-revoked' | 'admin';
export type WipeReport = { reason: WipeReason; steps: string[]; leftovers: string[]; restarted: boolean };

/**
 * R-KIOSK-4: end the visitor's session at the service, forget it here, clear every trace in the
 * browser, show a fresh login, then check. The credential is taken out of the session first and
 * held only for the logout call, so the service is told while the browser is cleared: the logout
 * and the three clears run at once, none waiting for another, and a failure of one stops none of
 * the others. The page is replaced only after every clear has settled (its new document must not
 * see the old storage); the check runs when the logout has settled too. The report lists the
 * steps in this fixed order whatever order they finished in.
 */
export async function wipeVisitor(
  reason: WipeReason,
  deps: { session: VisitorSession; client: () => ServiceClient | undefined; wiper: SessionWiper; log: Logger; start?: () => KioskStartHint },
): Promise<WipeReport> {
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
  const clears = Promise.all([
    attempt('clear-storage', () => deps.wiper.clearStorageData()),
    attempt('clear-http-cache', () => deps.wiper.clearHttpCache()),
    attempt('clear-auth-cache', () => deps.wiper.clearAuthCache()),
  ]);
  const replaced = clears.then(() => attempt('replace-contents', () => deps.wiper.replaceContents(deps.start?.())));
  const steps = [await logout, 'drop-token', ...(await clears), await replaced];

  let leftovers: string[];
  try {
    leftovers = await deps.wiper.leftovers();
  } catch (error) {
    leftovers = [`verification failed: ${String(error)}`];
  }
  steps.push('verify');
  const restarted = leftovers.length > 0 || steps.some((s) => s.endsWith('(failed)') && s !== 'logout (failed)');
  if (restarted) {
    deps.log.error('wipe: traces remain; restarting the kiosk', { reason, leftovers, steps });
    deps.wiper.restartApp(`wipe (${reason}) left: ${leftovers.join(', ') || steps.join(', ')}`);
  } else deps.log.info('wipe: done', { reason });
  return { reason, steps, leftovers, restarted };
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
