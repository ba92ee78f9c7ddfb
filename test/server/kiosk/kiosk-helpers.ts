import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { attestationMessage, type AttestationPurpose } from '../../../src-shared/attestation.js';
import { issueEnrollmentCode } from '../../../src-server/kiosk/enrollment.service.js';
import { createClient } from '../../support/http-client.js';
import type { TestService } from '../../support/service-harness.js';
import { api } from '../../../src-shared/api/routes.js';

/** A kiosk as the service sees it: an Ed25519 key pair and a machine-ID hash, like src-main/core/terminal. */
export interface FakeKiosk {
  terminalId: string;
  machineIdHash: string;
  privateKey: KeyObject;
  publicKey: string;
}

export const machineHash = (raw = randomBytes(16).toString('hex')) => createHash('sha256').update(raw).digest('hex');

export function newKeyPair(): { privateKey: KeyObject; publicKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

/** A v2 signature (R-KIOSK-7); `what` is the login it is for, or a heartbeat. */
export function signFor(k: Pick<FakeKiosk, 'terminalId' | 'machineIdHash' | 'privateKey'>, nonce: string, what: AttestationPurpose): string {
  return sign(null, Buffer.from(attestationMessage(k.terminalId, k.machineIdHash, nonce, what), 'utf8'), k.privateKey).toString('base64');
}

export async function enrollKiosk(svc: TestService, opts: { office?: string; label?: string; machineIdHash?: string } = {}): Promise<FakeKiosk> {
  const { code } = await issueEnrollmentCode(svc.db, svc.clock, { office: opts.office ?? '飯田橋公共職業安定所', label: opts.label ?? '来所者端末 1' });
  const keys = newKeyPair();
  const machineIdHash = opts.machineIdHash ?? machineHash();
  const r = await createClient(svc.url).post<{ terminalId: string }>(api.kioskEnroll.path, { code, publicKey: keys.publicKey, machineIdHash, version: '1.0.0' });
  if (r.status !== 201) throw new Error(`enroll: ${r.status} ${JSON.stringify(r.body)}`);
  return { terminalId: r.body.terminalId, machineIdHash, ...keys };
}

export async function fetchNonce(svc: TestService, terminalId: string): Promise<string> {
  const r = await createClient(svc.url).post<{ nonce: string }>(api.kioskNonce.path, { terminalId });
  if (r.status !== 200) throw new Error(`nonce: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.nonce;
}

/** A fresh attestation, correctly signed for a login of `loginId`. */
export async function attest(svc: TestService, k: FakeKiosk, loginId: string) {
  const nonce = await fetchNonce(svc, k.terminalId);
  return { terminalId: k.terminalId, nonce, signature: signFor(k, nonce, { purpose: 'login', loginId }) };
}
