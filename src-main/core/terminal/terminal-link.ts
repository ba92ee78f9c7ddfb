import type { LoadedConfig } from '../config/load-config.js';
import type { SettingsStore } from '../ports.js';
import { createServiceClient, type ServiceClient } from '../service/service-client.js';
import type { Signer } from './attestation.js';
import type { SecretBox } from './secret-box.js';
import { loadPrivateKey, readTerminalRecord } from './terminal-record.js';

/**
 * The service this terminal talks to and the key it signs with, read from the terminal record as
 * it is now (it appears at 端末登録): nothing before enrollment.
 */
export function createTerminalLink(deps: { loaded: LoadedConfig; store: SettingsStore; box: SecretBox }) {
  const { loaded, store } = deps;
  let client: ServiceClient | undefined;
  let signer: Signer | undefined;
  const policyUrl = loaded.fromPolicy.has('serviceUrl') ? loaded.config.serviceUrl : undefined;
  // IT's policy wins; otherwise the URL the terminal was enrolled with.
  const serviceUrl = () => policyUrl ?? readTerminalRecord(store)?.serviceUrl ?? loaded.config.serviceUrl;
  return {
    /** The service URL that IT's policy file sets, if it sets one (enrollment may not go elsewhere). */
    policyUrl,
    serviceUrl,
    record: () => readTerminalRecord(store),
    /** The client of the enrolled terminal's service; undefined before enrollment. */
    client: (): ServiceClient | undefined => {
      const url = serviceUrl();
      if (!url || !readTerminalRecord(store)) return undefined;
      if (!client || client.baseUrl !== new URL(url).origin) client = createServiceClient(url);
      return client;
    },
    /** The enrolled terminal's signing key (decrypted once per terminal id); undefined before enrollment. */
    signer: async (): Promise<Signer | undefined> => {
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
    },
  };
}
export type TerminalLink = ReturnType<typeof createTerminalLink>;
