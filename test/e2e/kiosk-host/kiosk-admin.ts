import type { TestService } from '../../support/service-harness.js';

/**
 * What IT staff do with `mypage enroll-code` / `mypage revoke-kiosk`, done on the test service.
 * Goes through the service's own kiosk feature (src-server/kiosk/), loaded lazily so this suite
 * compiles before that feature lands.
 */
export async function issueEnrollmentCode(service: TestService, office = '飯田橋公共職業安定所', label = 'kiosk-host suite'): Promise<string> {
  const kiosk = await import('../../../src-server/kiosk/kiosk.service.js' as string);
  const r = await kiosk.issueEnrollmentCode(service.db, service.clock, { office, label });
  return typeof r === 'string' ? r : r.code;
}

export async function revokeTerminal(service: TestService, terminalId: string): Promise<void> {
  const kiosk = await import('../../../src-server/kiosk/kiosk.service.js' as string);
  await kiosk.revokeTerminal(service.db, service.clock, terminalId);
}
