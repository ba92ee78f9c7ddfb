import { session, type Session } from 'electron';
import { serveAppFiles } from './app-protocol.js';
import { lockDownSession } from './lockdown.js';

/**
 * One in-memory partition per visitor (core/wipe/partitions.ts names them; no `persist:` prefix:
 * nothing of a visitor on disk), each locked down and serving the app's files from `rendererDir`.
 */
export function createVisitorPartitions(rendererDir: string) {
  const sessions = new Map<string, Session>();
  return {
    sessionFor: (partition: string): Session => {
      let ses = sessions.get(partition);
      if (!ses) {
        ses = session.fromPartition(partition, { cache: true });
        lockDownSession(ses);
        serveAppFiles(ses, rendererDir);
        sessions.set(partition, ses);
      }
      return ses;
    },
    /** main forgets the partition's session (Electron itself keeps it until the process ends) */
    forget: (partition: string): void => {
      sessions.delete(partition);
    },
  };
}
export type VisitorPartitions = ReturnType<typeof createVisitorPartitions>;
