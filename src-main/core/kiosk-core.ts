import type { KioskEvent } from '../../src-shared/kiosk-bridge.js';
import { createAdminExitHandler } from './admin/admin-exit.js';
import { createKioskDiagnostics } from './diagnostics/kiosk-diagnostics.js';
import type { LogEntry } from './diagnostics/rotating-log.js';
import { createKioskHandlers, dispatchWatchingOffline } from './bridge/kiosk-handlers.js';
import { kioskStatus } from './bridge/kiosk-status.js';
import { createVisitorHandlers } from './bridge/visitor-handlers.js';
import type { LoadedConfig } from './config/load-config.js';
import { createIdleGuard } from './idle/idle-guard.js';
import type { Clock, Logger, SettingsStore } from './ports.js';
import { createOfflineMonitor, probeService } from './service/offline-monitor.js';
import { createEnrollHandler } from './terminal/enrollment-handler.js';
import { setupHeartbeat } from './terminal/heartbeat.js';
import type { MachineIdSource } from './terminal/machine-id.js';
import type { SecretBox } from './terminal/secret-box.js';
import { createTerminalLink, type TerminalLink } from './terminal/terminal-link.js';
import { createUpdateGate, dispatchWatchingUpdates, type UpdateGate } from './terminal/update-gate.js';
import { createPartitionRotation } from './wipe/partitions.js';
import { setupRestartPolicy } from './wipe/restart-policy.js';
import { setupWipes, type SessionWiper, type WipeReason, type WipeReport } from './wipe/session-wiper.js';
import { createVisitorSession } from './wipe/visitor-session.js';

export type KioskCoreDeps = {
  loaded: LoadedConfig;
  store: SettingsStore;
  box: SecretBox;
  machineId: MachineIdSource;
  /** where the private key goes when the SecretBox is not OS-backed (0600) */
  keyFile: string;
  clock: Clock;
  log: Logger;
  wiper: SessionWiper;
  /** pushes an event to the kiosk page */
  emit: (event: KioskEvent) => void;
  /** the hidden admin exit */
  quit: () => void;
  osIdleMs?: () => number;
  version: string;
  label?: string;
  heartbeatMs?: number;
  /** Does the terminal report a touch screen? (Electron's displays; asked at each status call) */
  touchScreen?: () => boolean;
  /** Does the page still paint? (a frame rendered within a few seconds); sent with the heartbeat */
  probePaint?: () => Promise<boolean>;
  /** R-DIAG-1: the log's last lines (rotating-log.ts), for a diagnostics bundle IT asks for. */
  logTail?: (n: number) => LogEntry[];
};

/**
 * The kiosk's main-process logic, without Electron: the glue and the Playwright suite build the
 * same core and differ only in the ports they pass. It answers with codes (kiosk-refusals.ts for
 * its own refusals); the renderer owns every text. Each feature lives in its own module; this
 * function only connects them, in order.
 */
export function createKioskCore(deps: KioskCoreDeps) {
  const { loaded, log, clock } = deps;
  const config = loaded.config;
  const terminal = createTerminalLink(deps);
  const session = createVisitorSession();
  const partitions = createPartitionRotation();
  const diagnostics = createKioskDiagnostics({ ...deps, serviceUrl: () => terminal.serviceUrl() });
  const wipe = (reason: WipeReason) => wipes.wipe(reason).then(diagnostics.wiped);
  const restart = setupRestartPolicy({
    policy: config,
    clock,
    log,
    partitions,
    nobodyThere: () => !wipes.wiping && idle.state.phase === 'pristine' && !session.credential && !session.challenge,
    restartApp: (reason) => deps.wiper.restartApp(reason),
  });
  const idle = idleGuardOf(deps, wipe);
  const offline = offlineMonitorOf(deps, terminal, diagnostics.offlineChanged);
  const updates = createUpdateGate(deps);
  const wipes = setupWipes({
    wiper: deps.wiper,
    partitions,
    log,
    session,
    client: terminal.client,
    // What a fresh page may know at once: enrolled or not, and the language (no visitor data).
    start: () => ({ enrolled: terminal.record() !== undefined, locale: config.locale }),
    afterWipe: () => {
      idle.wiped();
      if (offline.offline) deps.emit({ type: 'service-offline' }); // the new page says so too
      if (updates.required) deps.emit({ type: 'update-required' }); // R-FLEET-1, likewise
    },
    restarting: () => restart.restartingAnyway(),
    settled: () => restart.restartIfDue(),
  });
  const handlers = kioskHandlersOf(deps, { terminal, session, idle, wipe, prepareNextPage: wipes.prepareNextPage });
  const dispatch = dispatchWatchingUpdates(
    dispatchWatchingOffline(handlers, log, () => terminal.client() !== undefined, offline),
    updates,
  );
  const lifecycle = kioskLifecycle(deps, { terminal, session, idle, offline, restart, wipe, updates, diagnostics });
  return {
    handlers,
    dispatch,
    idle,
    wipe,
    /** For tests and the glue's diagnostics only; the renderer never sees it. */
    session,
    partitions, // for tests, as `offline`, `updates` and `heartbeat`
    offline,
    updates,
    ...lifecycle,
  };
}
export type KioskCore = ReturnType<typeof createKioskCore>;

/** R-KIOSK-4: the idle guard: the countdown to the page, then the wipe. */
function idleGuardOf(deps: KioskCoreDeps, wipe: (reason: WipeReason) => Promise<WipeReport>) {
  const { config } = deps.loaded;
  return createIdleGuard({
    clock: deps.clock,
    timeoutMs: config.idleTimeoutSeconds * 1000,
    warningMs: config.idleWarningSeconds * 1000,
    ...(deps.osIdleMs ? { osIdleMs: deps.osIdleMs } : {}),
    onEffect(effect) {
      if (effect.type === 'warn') deps.emit({ type: 'idle-warning', secondsLeft: effect.secondsLeft });
      else if (effect.type === 'active') deps.emit({ type: 'idle-active' });
      else void wipe('idle');
    },
  });
}

/**
 * Issue 13 item 5: 「ただいまご利用いただけません」 while the service cannot be reached. When it answers
 * again the page goes back to the visitor's screen as it was (issue 21: coming back online is no
 * wipe; what they typed stays, and only the idle wipe or ログアウト clears it).
 */
function offlineMonitorOf(deps: KioskCoreDeps, terminal: TerminalLink, recorded: (isOffline: boolean) => void) {
  return createOfflineMonitor({
    clock: deps.clock,
    log: deps.log,
    probe: async () => probeService(terminal.client(), terminal.record()?.terminalId),
    onChange: (isOffline) => {
      recorded(isOffline); // R-DIAG-1: the offline history of a diagnostics bundle
      deps.emit({ type: isOffline ? 'service-offline' : 'service-online' });
    },
  });
}

type Features = {
  terminal: TerminalLink;
  session: ReturnType<typeof createVisitorSession>;
  idle: ReturnType<typeof createIdleGuard>;
  wipe: (reason: WipeReason) => Promise<WipeReport>;
};

/** Every bridge channel: the visitor's calls, the status, 端末登録 and the admin exit. */
function kioskHandlersOf(deps: KioskCoreDeps, f: Features & { prepareNextPage: () => void }) {
  const { loaded, log } = deps;
  return createKioskHandlers({
    visitor: createVisitorHandlers({
      client: f.terminal.client,
      signer: f.terminal.signer,
      session: f.session,
      wipe: f.wipe,
      log,
    }),
    idle: f.idle,
    session: f.session,
    status: async () => ({
      ok: true,
      data: kioskStatus({
        loaded,
        record: f.terminal.record(),
        serviceUrl: f.terminal.serviceUrl(),
        box: deps.box,
        touchScreen: deps.touchScreen?.() ?? false,
      }),
    }),
    enroll: createEnrollHandler({ ...deps, terminal: f.terminal, prepareNextPage: f.prepareNextPage }),
    adminExit: createAdminExitHandler({ ...deps, adminPinHash: loaded.config.adminPinHash, wipe: f.wipe }),
  });
}

/** Start-up and shut-down: a fresh page with nothing of anyone (R-KIOSK-4), then the idle guard, the restart policy and the heartbeat. */
function kioskLifecycle(
  deps: KioskCoreDeps,
  f: Features & {
    offline: ReturnType<typeof createOfflineMonitor>;
    restart: ReturnType<typeof setupRestartPolicy>;
    updates: UpdateGate;
    diagnostics: ReturnType<typeof createKioskDiagnostics>;
  },
) {
  let heartbeat: ReturnType<typeof setupHeartbeat> | undefined;
  return {
    /** For tests: the latest heartbeat, settled. */
    heartbeat: { beaten: () => heartbeat?.beaten() ?? Promise.resolve() },
    async start() {
      const key = f.terminal.record()?.key;
      if (key?.kind === 'file')
        deps.log.warn(
          `the terminal key is not OS-encrypted (${key.backend}): kept in ${key.path}, mode 0600; see docs/kiosk.md`,
        );
      await f.wipe('start-up');
      f.idle.start();
      f.restart.start();
      heartbeat = setupHeartbeat({
        ...deps,
        everyMs: deps.heartbeatMs ?? 5 * 60_000,
        client: f.terminal.client,
        signer: f.terminal.signer,
        probePaint: deps.probePaint,
        offline: f.offline,
        onRevoked: () => {
          if (f.session.credential) void f.wipe('terminal-revoked');
        },
        onOutcome: (outcome) => f.updates.heartbeat(outcome),
        uploadDiagnostics: f.diagnostics.upload,
      });
    },
    stop() {
      f.idle.stop();
      f.offline.stop();
      f.restart.stop();
      heartbeat?.stop();
    },
  };
}
