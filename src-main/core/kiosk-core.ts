import type { KioskEvent } from '../../src-shared/kiosk-bridge.js';
import type { HostError, HostResult } from '../../src-shared/host.js';
import { createPinGate } from './admin/admin-pin.js';
import { createBridgeDispatch, type KioskHandlers } from './bridge/bridge-dispatch.js';
import { kioskStatus } from './bridge/kiosk-status.js';
import { createVisitorHandlers } from './bridge/visitor-handlers.js';
import { ServiceUrl } from './config/kiosk-config.schema.js';
import type { LoadedConfig } from './config/load-config.js';
import { createIdleGuard } from './idle/idle-guard.js';
import type { Clock, Logger, SettingsStore } from './ports.js';
import { createOfflineMonitor, offlineErrorOf, probeService } from './service/offline-monitor.js';
import { createServiceClient, type ServiceClient } from './service/service-client.js';
import type { Signer } from './terminal/attestation.js';
import { enrollTerminal } from './terminal/enrollment.js';
import { sendHeartbeat, startHeartbeat } from './terminal/heartbeat.js';
import { machineIdHash, type MachineIdSource } from './terminal/machine-id.js';
import type { SecretBox } from './terminal/secret-box.js';
import { loadPrivateKey, readTerminalRecord } from './terminal/terminal-record.js';
import { createPartitionRotation } from './wipe/partitions.js';
import { restartDue } from './wipe/restart-policy.js';
import {
  prepareNextPage,
  serializeWipes,
  wipeVisitor,
  type SessionWiper,
  type WipeReason,
} from './wipe/session-wiper.js';
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
};

/**
 * The kiosk's main-process logic, without Electron: the glue and the Playwright suite build the
 * same core and differ only in the ports they pass. It answers with codes (kiosk-refusals.ts for
 * its own refusals); the renderer owns every text.
 */
export function createKioskCore(deps: KioskCoreDeps) {
  const { loaded, store, log } = deps;
  const config = loaded.config;
  const session = createVisitorSession();
  let client: ServiceClient | undefined;
  let signer: Signer | undefined;

  const policyUrl = loaded.fromPolicy.has('serviceUrl') ? config.serviceUrl : undefined;
  // IT's policy wins; otherwise the URL the terminal was enrolled with.
  const serviceUrl = () => policyUrl ?? readTerminalRecord(store)?.serviceUrl ?? config.serviceUrl;
  const currentClient = () => {
    const url = serviceUrl();
    if (!url || !readTerminalRecord(store)) return undefined;
    if (!client || client.baseUrl !== new URL(url).origin) client = createServiceClient(url);
    return client;
  };
  const currentSigner = async () => {
    const record = readTerminalRecord(store);
    if (!record) return undefined;
    if (signer?.terminalId !== record.terminalId) {
      signer = {
        terminalId: record.terminalId,
        machineIdHash: record.machineIdHash,
        privateKey: await loadPrivateKey(record.key, deps.box),
      };
    }
    return signer;
  };

  const partitions = createPartitionRotation();
  const startedAt = deps.clock.now();
  // What a fresh page may know at once: enrolled or not, and the language (no visitor data).
  const start = () => ({ enrolled: readTerminalRecord(store) !== undefined, locale: config.locale });
  const pageDeps = { wiper: deps.wiper, partitions, log, start };
  let wiping = 0;
  let restarting = false;
  const wipe = serializeWipes(async (reason: WipeReason) => {
    wiping++;
    try {
      const report = await wipeVisitor(reason, { ...pageDeps, session, client: currentClient });
      idle.wiped();
      if (offline.offline) deps.emit({ type: 'service-offline' }); // the new page says so too
      if (!report.restarted)
        void prepareNextPage(pageDeps); // while the next visitor is here
      else restarting = true;
      return report;
    } finally {
      wiping--;
      restartIfDue();
    }
  });

  /** R-KIOSK-4: the restart policy, only when nobody is at the kiosk (nothing since the last wipe). */
  function restartIfDue(): void {
    if (restarting || wiping > 0 || idle.state.phase !== 'pristine' || session.credential || session.challenge) return;
    const why = restartDue(config, { visitors: partitions.retired, startedAt, now: deps.clock.now() });
    if (!why) return;
    restarting = true;
    log.info('restarting the kiosk while nobody is at it', {
      why,
      visitors: partitions.retired,
      partitions: partitions.made,
    });
    deps.wiper.restartApp(`restart policy: ${why}`);
  }

  const idle = createIdleGuard({
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

  // Issue 13 item 5: 「ただいまご利用いただけません」 while the service cannot be reached; back to a fresh login after.
  const offline = createOfflineMonitor({
    clock: deps.clock,
    log,
    probe: async () => probeService(currentClient(), readTerminalRecord(store)?.terminalId),
    onChange(isOffline) {
      deps.emit({ type: isOffline ? 'service-offline' : 'service-online' });
      if (!isOffline) void wipe('service-back');
    },
  });

  const pinGate = createPinGate(deps.clock);
  const ok: HostResult = { ok: true, data: undefined };

  const visitor = createVisitorHandlers({ client: currentClient, signer: currentSigner, session, wipe, log });
  const handlers: KioskHandlers = {
    ...visitor,
    /** 「延長する」: the idle clock starts again here, and the visitor's session at the service too. */
    async extendSession() {
      idle.input();
      return session.credential ? visitor.extendSession(undefined) : ok;
    },
    async status() {
      return {
        ok: true,
        data: kioskStatus({
          loaded,
          record: readTerminalRecord(store),
          serviceUrl: serviceUrl(),
          box: deps.box,
          touchScreen: deps.touchScreen?.() ?? false,
        }),
      };
    },
    async enroll({ serviceUrl: url, code }) {
      if (readTerminalRecord(store))
        return { ok: false, error: { error: 'invalid_request', message: '', reason: 'already_enrolled' } };
      const checked = ServiceUrl.safeParse(url);
      if (!checked.success)
        return {
          ok: false,
          error: { error: 'invalid_request', message: '', reason: 'service_url_not_https', fields: ['serviceUrl'] },
        };
      if (policyUrl && new URL(policyUrl).origin !== new URL(url).origin) {
        return {
          ok: false,
          error: { error: 'invalid_request', message: '', reason: 'service_url_from_policy', fields: ['serviceUrl'] },
        };
      }
      const hash = await machineIdHash(deps.machineId);
      const result = await enrollTerminal({
        client: createServiceClient(url),
        serviceUrl: url,
        code,
        machineIdHash: hash,
        box: deps.box,
        store,
        keyFile: deps.keyFile,
        version: deps.version,
        ...(deps.label ? { label: deps.label } : {}),
      });
      if (result.ok) {
        if (!policyUrl) store.set('serviceUrl', url);
        void prepareNextPage(pageDeps); // the page made ahead thought the terminal was not enrolled
        const record = readTerminalRecord(store);
        log.info('terminal enrolled', {
          terminalId: result.data.terminalId,
          keyProtection: record?.key.kind,
          keyBackend: record?.key.backend,
        });
        if (record?.key.kind === 'file') {
          log.warn(
            `no OS-backed secret store (${record.key.backend}): the terminal key is kept in ${record.key.path} (mode 0600, readable by the kiosk account only); see docs/kiosk.md`,
          );
        }
      } else log.warn('enrollment refused', { error: result.error.error });
      return result;
    },

    async activity() {
      idle.input();
      return ok;
    },
    async continueSession() {
      idle.input();
      return ok;
    },

    async adminExit({ pin }) {
      const verdict = pinGate.check(pin, config.adminPinHash);
      if (verdict === 'ok') {
        log.info('admin exit');
        await wipe('admin');
        deps.quit();
        return ok;
      }
      log.warn('admin exit refused', { verdict });
      const refusal: HostError =
        verdict === 'locked'
          ? { error: 'locked', message: '', reason: 'admin_pin_locked' }
          : { error: 'invalid_credentials', message: '', reason: 'admin_pin_invalid' };
      return { ok: false, error: refusal };
    },
  };

  const answer = createBridgeDispatch(handlers, log);
  const dispatch: typeof answer = async (channel, payload) => {
    const result = await answer(channel, payload);
    const error = currentClient() ? offlineErrorOf(result) : undefined; // (not enrolled: no service to wait for)
    if (error) offline.observe(error);
    return result;
  };
  let stopHeartbeat: (() => void) | undefined;
  let restartTimer: unknown;

  return {
    handlers,
    dispatch,
    idle,
    wipe,
    /** For tests and the glue's diagnostics only; the renderer never sees it. */
    session,
    /** Start-up: a fresh page with nothing of anyone (R-KIOSK-4), then the idle guard and heartbeat. */
    async start() {
      const key = readTerminalRecord(store)?.key;
      if (key?.kind === 'file')
        log.warn(
          `the terminal key is not OS-encrypted (${key.backend}): kept in ${key.path}, mode 0600; see docs/kiosk.md`,
        );
      await wipe('start-up');
      idle.start();
      restartTimer = deps.clock.setInterval(restartIfDue, 60_000);
      stopHeartbeat = startHeartbeat({
        clock: deps.clock,
        everyMs: deps.heartbeatMs ?? 5 * 60_000,
        log,
        beat: async () => {
          const c = currentClient();
          const s = await currentSigner();
          if (!c || !s) return 'ok';
          // Issue 5: the heartbeat proves the window paints, not only that the process lives.
          const painted = deps.probePaint ? await deps.probePaint().catch(() => false) : false;
          const offlineMs = offline.pendingOfflineMs();
          const outcome = await sendHeartbeat(
            c,
            s,
            deps.version,
            painted ? new Date(deps.clock.now()).toISOString() : undefined,
            offlineMs,
          );
          if (outcome === 'ok') offline.reported(offlineMs);
          offline.observe(outcome === 'unreachable' ? 'network_error' : undefined);
          return outcome;
        },
        onRevoked: () => {
          if (session.credential) void wipe('terminal-revoked');
        },
      });
    },
    partitions, // for tests, as `offline`
    offline,
    stop() {
      idle.stop();
      offline.stop();
      if (restartTimer !== undefined) deps.clock.clearInterval(restartTimer);
      stopHeartbeat?.();
    },
  };
}
export type KioskCore = ReturnType<typeof createKioskCore>;
