import { generateKeyPairSync } from 'node:crypto';
import type { SettingsStore } from '../ports.js';
import type { ServiceClient } from '../service/service-client.js';
import type { HostResult } from '../../../src-shared/host.js';
import type { EnrollResult } from '../../../src-shared/kiosk-bridge.js';
import type { SecretBox } from './secret-box.js';
import { placePrivateKey, writeTerminalRecord } from './terminal-record.js';

export type EnrollInput = {
  client: ServiceClient;
  serviceUrl: string;
  code: string;
  machineIdHash: string;
  box: SecretBox;
  store: SettingsStore;
  keyFile: string;
  label?: string;
  version?: string;
};

/**
 * R-KIOSK-2 step 2: a fresh Ed25519 key pair, the public half (SPKI DER, base64) enrolled with
 * the one-time code and the machine-ID hash; the private half kept through the SecretBox.
 * Nothing is stored unless the service accepted the enrollment.
 */
export async function enrollTerminal(input: EnrollInput): Promise<HostResult<EnrollResult>> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyB64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const answer = await input.client.call('kioskEnroll', {
    body: {
      code: input.code,
      publicKey: publicKeyB64,
      machineIdHash: input.machineIdHash,
      ...(input.label ? { label: input.label } : {}),
      ...(input.version ? { version: input.version } : {}),
    },
  });
  if (!answer.ok) return answer;
  const key = await placePrivateKey(
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    input.box,
    input.keyFile,
  );
  writeTerminalRecord(input.store, {
    terminalId: answer.data.terminalId,
    machineIdHash: input.machineIdHash,
    publicKey: publicKeyB64,
    ...(answer.data.office ? { office: answer.data.office } : {}),
    serviceUrl: input.serviceUrl,
    key,
  });
  return {
    ok: true,
    data: { terminalId: answer.data.terminalId, ...(answer.data.office ? { office: answer.data.office } : {}) },
  };
}
