import { issueEnrollmentCode } from '../../../src-server/kiosk/enrollment.service.js';
import { createClient } from '../../support/http-client.js';
import type { TestService } from '../../support/service-harness.js';
import { api } from '../../../src-shared/api/routes.js';
import { machineHash, newKeyPair, signFor, type FakeKiosk } from '../../support/kiosk-keys.js';

// The kiosk's keys and signatures live in test/support (the bench uses them too); the suites import them from here.
export { machineHash, newKeyPair, signFor, type FakeKiosk };

export async function enrollKiosk(
  svc: TestService,
  opts: { office?: string; label?: string; machineIdHash?: string } = {},
): Promise<FakeKiosk> {
  const { code } = await issueEnrollmentCode(svc.db, svc.clock, {
    office: opts.office ?? '飯田橋公共職業安定所',
    label: opts.label ?? '来所者端末 1',
  });
  const keys = newKeyPair();
  const machineIdHash = opts.machineIdHash ?? machineHash();
  const r = await createClient(svc.url).post<{ terminalId: string }>(api.kioskEnroll.path, {
    code,
    publicKey: keys.publicKey,
    machineIdHash,
    version: '1.0.0',
  });
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
