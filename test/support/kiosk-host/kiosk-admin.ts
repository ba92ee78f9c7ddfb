import { issueEnrollmentCode as issue } from '../../../src-server/kiosk/enrollment.service.js';
import { revokeTerminal as revoke } from '../../../src-server/kiosk/fleet.service.js';
import type { TestService } from '../service-harness.js';

/** What IT staff do with `mypage enroll-code` / `mypage revoke-kiosk`, on the test service. */
export async function issueEnrollmentCode(
  service: TestService,
  office = '飯田橋公共職業安定所',
  label = 'kiosk-host suite',
): Promise<string> {
  return (await issue(service.db, service.clock, { office, label })).code;
}

export async function revokeTerminal(service: TestService, terminalId: string): Promise<void> {
  const r = await revoke(service.db, service.clock, terminalId);
  if (r.status !== 'revoked') throw new Error(`revoke-kiosk: ${r.status}`);
}
