import { SELF_TEST_EXIT } from '../exit-codes.js';
import type { SettingsStore } from '../ports.js';
import type { MachineIdSource } from '../terminal/machine-id.js';
import { readTerminalRecord } from '../terminal/terminal-record.js';
import {
  checkClock,
  checkConfiguration,
  checkEnrollment,
  checkService,
  skip,
  type CheckOutcome,
} from './self-test-checks.js';
import { metaProbe, type MetaProbe } from './meta-probe.js';

/**
 * Far beyond the whole seconds of a Date header and a round trip, far below what goes wrong when a
 * clock drifts (certificates not yet valid, 最終画面表示 and the restart hour off): NTP keeps a
 * terminal within a second.
 */
export const SELF_TEST_MAX_CLOCK_SKEW_MS = 60_000;

export type SelfTestDeps = {
  /** The kiosk account's settings (electron-store); may throw when its file cannot be read. */
  openStore: () => SettingsStore;
  policyPath: string;
  machineId: MachineIdSource;
  now: () => number;
  version: string;
  /** GET /api/v1/meta; by default through Node's HTTP stack, as the kiosk reaches the service. */
  probe?: MetaProbe;
  maxClockSkewMs?: number;
};

type CheckName = Exclude<keyof typeof SELF_TEST_EXIT, 'ok'>;
export type SelfTestReport = { lines: string[]; exitCode: number; outcomes: Record<CheckName, CheckOutcome> };

const LABEL = { ok: 'OK  ', fail: 'FAIL', skip: 'SKIP' } as const;

/**
 * `hellowork-kiosk --self-test` (issue 22): after an install or an update, without a visitor and
 * without changing anything, is this terminal ready? Configuration, enrollment, the service, the
 * clock — one line each in plain words, then the result; the exit code is the first failure's.
 */
export async function runSelfTest(deps: SelfTestDeps): Promise<SelfTestReport> {
  const config = await checkConfiguration(deps.openStore, deps.policyPath);
  const store = config.store;
  const enrollment = store
    ? await checkEnrollment(store, deps.machineId)
    : skip('needs the kiosk settings, which could not be read');

  // The service the kiosk would use: IT's policy wins, then the URL it enrolled with (terminal-link).
  const record = store ? readTerminalRecord(store) : undefined;
  const policyUrl = config.loaded?.fromPolicy.has('serviceUrl') ? config.loaded.config.serviceUrl : undefined;
  const url = policyUrl ?? record?.serviceUrl ?? config.loaded?.config.serviceUrl;
  let service: CheckOutcome;
  let clock: CheckOutcome;
  if (!url) {
    service = skip('no service URL to try: set serviceUrl in the policy file, or enroll');
    clock = skip('needs an answer from the service');
  } else {
    const origin = new URL(url).origin;
    const answer = await (deps.probe ?? metaProbe(deps.now))(origin);
    service = checkService(origin, answer);
    clock = checkClock(answer, deps.maxClockSkewMs ?? SELF_TEST_MAX_CLOCK_SKEW_MS);
  }

  const outcomes = { config: config.outcome, enrollment, service, clock };
  const names: Record<CheckName, string> = {
    config: 'configuration',
    enrollment: 'enrollment',
    service: 'service',
    clock: 'clock',
  };
  const failed = (Object.keys(outcomes) as CheckName[]).filter((name) => outcomes[name].status === 'fail');
  const exitCode = failed.length ? SELF_TEST_EXIT[failed[0]!] : SELF_TEST_EXIT.ok;
  const lines = [
    `HelloWork Kiosk ${deps.version} self-test`,
    ...(Object.keys(outcomes) as CheckName[]).map(
      (name) => `${LABEL[outcomes[name].status]} ${names[name]}: ${outcomes[name].says}`,
    ),
    failed.length
      ? `result: ${failed.length} of 4 checks failed; exit ${exitCode} (${names[failed[0]!]})`
      : `result: no check failed; exit 0`,
  ];
  return { lines, exitCode, outcomes };
}
