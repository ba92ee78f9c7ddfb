import type { Session } from 'electron';
import type { SessionWiper } from '../core/wipe/session-wiper.js';
import { kioskStartFragment } from '../../src-shared/kiosk-start-hint.js';
import type { KioskWindow } from './kiosk-window.js';

export type WiperGlue = {
  kiosk: () => KioskWindow;
  sessionFor: (partition: string) => Session;
  /** main forgets the partition's session (Electron itself keeps it until the process ends) */
  forget: (partition: string) => void;
  clearClipboard: () => void;
  restart: (reason: string) => void;
};

/** The wipe steps on the visitor partitions and the window (core/wipe decides the order). */
export function electronWiper(glue: WiperGlue): SessionWiper {
  const { kiosk, sessionFor } = glue;
  return {
    prepareNext: (partition, start) => kiosk().prepare(partition, kioskStartFragment(start)),
    replaceContents: (partition, start) => kiosk().replace(partition, kioskStartFragment(start)),
    closePage: () => kiosk().closeRetired(),
    clearClipboard: async () => glue.clearClipboard(),
    clearStorageData: (p) => sessionFor(p).clearStorageData(),
    clearHttpCache: async (p) =>
      void (await Promise.all([sessionFor(p).clearCache(), sessionFor(p).clearCodeCaches({})])),
    clearAuthCache: async (p) =>
      void (await Promise.all([sessionFor(p).clearAuthCache(), sessionFor(p).clearHostResolverCache()])),
    async leftovers(old) {
      const found: string[] = [];
      const contents = kiosk().contents;
      // The retired partition's cookies and workers, and what the shown page can reach, at once.
      const [cookies, page] = await Promise.all([
        old ? sessionFor(old).cookies.get({}) : Promise.resolve([]),
        contents
          ? (contents.executeJavaScript(
              `(async () => { const [idb, names] = await Promise.all([indexedDB.databases(), caches.keys()]); return { local: localStorage.length, session: sessionStorage.length, idb: idb.length, caches: names.length }; })()`,
            ) as Promise<Record<string, number>>)
          : Promise.resolve({} as Record<string, number>),
      ]);
      if (cookies.length) found.push(`${cookies.length} cookie(s)`);
      const workers = old ? Object.keys(sessionFor(old).serviceWorkers.getAllRunning()).length : 0;
      if (workers) found.push(`${workers} service worker(s)`);
      for (const [kind, count] of Object.entries(page)) if (count) found.push(`${count} ${kind} storage entr(ies)`);
      return found;
    },
    dropPartition: async (p) => glue.forget(p),
    restartApp: glue.restart,
  };
}
