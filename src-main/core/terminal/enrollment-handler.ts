import type { HostResult } from '../../../src-shared/host.js';
import type { EnrollResult } from '../../../src-shared/kiosk-bridge.js';
import type { KioskRefusal } from '../../../src-shared/kiosk-refusals.js';
import { ServiceUrl } from '../config/kiosk-config.schema.js';
import type { Logger, SettingsStore } from '../ports.js';
import { createServiceClient } from '../service/service-client.js';
import { enrollTerminal } from './enrollment.js';
import { machineIdHash, type MachineIdSource } from './machine-id.js';
import type { SecretBox } from './secret-box.js';
import type { TerminalLink } from './terminal-link.js';

export type EnrollmentDeps = {
  terminal: TerminalLink;
  store: SettingsStore;
  box: SecretBox;
  machineId: MachineIdSource;
  keyFile: string;
  version: string;
  label?: string;
  log: Logger;
  /** the page made ahead for the next visitor thought the terminal was not enrolled: made again */
  prepareNextPage: () => void;
};

const refused = (reason: KioskRefusal, fields?: string[]): HostResult<EnrollResult> => ({
  ok: false,
  error: { error: 'invalid_request', message: '', reason, ...(fields ? { fields } : {}) },
});

/** The 端末登録 screen's call (R-KIOSK-2): refused when already enrolled or off IT's policy, else enrolled. */
export function createEnrollHandler(deps: EnrollmentDeps) {
  const { terminal, store, log } = deps;
  return async ({ serviceUrl: url, code }: { serviceUrl: string; code: string }): Promise<HostResult<EnrollResult>> => {
    if (terminal.record()) return refused('already_enrolled');
    if (!ServiceUrl.safeParse(url).success) return refused('service_url_not_https', ['serviceUrl']);
    if (terminal.policyUrl && new URL(terminal.policyUrl).origin !== new URL(url).origin)
      return refused('service_url_from_policy', ['serviceUrl']);
    const result = await enrollTerminal({
      client: createServiceClient(url),
      serviceUrl: url,
      code,
      machineIdHash: await machineIdHash(deps.machineId),
      box: deps.box,
      store,
      keyFile: deps.keyFile,
      version: deps.version,
      ...(deps.label ? { label: deps.label } : {}),
    });
    if (result.ok) {
      if (!terminal.policyUrl) store.set('serviceUrl', url);
      deps.prepareNextPage();
      logEnrolled(terminal, log, result.data.terminalId);
    } else log.warn('enrollment refused', { error: result.error.error });
    return result;
  };
}

function logEnrolled(terminal: TerminalLink, log: Logger, terminalId: string): void {
  const record = terminal.record();
  log.info('terminal enrolled', { terminalId, keyProtection: record?.key.kind, keyBackend: record?.key.backend });
  if (record?.key.kind === 'file') {
    log.warn(
      `no OS-backed secret store (${record.key.backend}): the terminal key is kept in ${record.key.path} (mode 0600, readable by the kiosk account only); see docs/kiosk.md`,
    );
  }
}
