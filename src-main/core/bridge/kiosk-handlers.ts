import type { HostResult } from '../../../src-shared/host.js';
import type { IdleGuard } from '../idle/idle-guard.js';
import type { OfflineMonitor } from '../service/offline-monitor.js';
import { offlineErrorOf } from '../service/offline-monitor.js';
import type { Logger } from '../ports.js';
import type { VisitorSession } from '../wipe/visitor-session.js';
import { createBridgeDispatch, type KioskHandlers } from './bridge-dispatch.js';
import type { createVisitorHandlers } from './visitor-handlers.js';

const ok: HostResult = { ok: true, data: undefined };

/**
 * Every bridge channel's handler: the visitor's calls, the terminal's (status, 端末登録, the admin
 * exit) and the input the idle guard counts.
 */
export function createKioskHandlers(deps: {
  visitor: ReturnType<typeof createVisitorHandlers>;
  idle: Pick<IdleGuard, 'input'>;
  session: VisitorSession;
  status: KioskHandlers['status'];
  enroll: KioskHandlers['enroll'];
  adminExit: KioskHandlers['adminExit'];
}): KioskHandlers {
  const { visitor, idle, session } = deps;
  return {
    ...visitor,
    /** 「延長する」: the idle clock starts again here, and the visitor's session at the service too. */
    async extendSession() {
      idle.input();
      return session.credential ? visitor.extendSession(undefined) : ok;
    },
    status: deps.status,
    enroll: deps.enroll,
    async activity() {
      idle.input();
      return ok;
    },
    async continueSession() {
      idle.input();
      return ok;
    },
    adminExit: deps.adminExit,
  };
}

/**
 * The bridge's one door (bridge-dispatch.ts), whose answers also tell the offline monitor when the
 * service cannot be reached (not before enrollment: there is no service to wait for then).
 */
export function dispatchWatchingOffline(
  handlers: KioskHandlers,
  log: Logger,
  enrolled: () => boolean,
  offline: Pick<OfflineMonitor, 'observe'>,
) {
  const answer = createBridgeDispatch(handlers, log);
  const dispatch: typeof answer = async (channel, payload) => {
    const result = await answer(channel, payload);
    const error = enrolled() ? offlineErrorOf(result) : undefined;
    if (error) offline.observe(error);
    return result;
  };
  return dispatch;
}
