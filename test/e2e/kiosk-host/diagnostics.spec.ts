import { insertDiagnosticsRequest } from '../../../src-server/kiosk/diagnostics.repository.js';
import { DiagnosticsBundle } from '../../../src-shared/api/schemas.js';
import { R_DIAG_1_KEEP_MS } from '../../../src-shared/rules.js';
import { wipeDone } from '../../support/kiosk-host/kiosk-flows.js';
import { readTerminalRecord } from '../../../src-main/core/terminal/terminal-record.js';
import { expect, test } from './fixtures.js';

test("R-DIAG-1: after IT asks, the kiosk's next heartbeat uploads its diagnostics: its log, policy and wipes, nothing of the visitor", async ({
  signedInKiosk: { k },
  service,
  employer,
}) => {
  const rows = () => service.db.selectFrom('kiosk_diagnostics').selectAll().execute();
  k.clock.advance(5 * 60_000);
  await k.core.heartbeat.beaten();
  expect(await rows()).toEqual([]); // nobody asked: nothing sent
  // 5 minutes on the kiosk's clock end the visit: wait for its idle wipe (the second, after start-up's),
  // whose clears run over CDP and may outlast the heartbeat.
  await wipeDone(k, 2);

  const terminalId = readTerminalRecord(k.store)!.terminalId;
  const now = service.clock.now().getTime();
  await insertDiagnosticsRequest(service.db, {
    id: 'kiosk-host-request',
    terminalId,
    requestedBy: 'it',
    now,
    keptUntil: now + R_DIAG_1_KEEP_MS,
  });
  k.clock.advance(5 * 60_000);
  await k.core.heartbeat.beaten();
  const [row] = await rows();
  expect(row?.uploaded_at).not.toBeNull();
  const bundle = DiagnosticsBundle.parse(JSON.parse(row!.bundle!));
  expect(bundle.version).toBe('0.1.0-kiosk-host');
  expect(bundle.wipes.map((w) => w.reason)).toContain('start-up');
  expect(bundle.log.map((l) => l.msg)).toContain('wipe: done');
  expect(bundle.policy).toMatchObject({ serviceUrl: service.url });
  expect(row!.bundle).not.toContain(employer.id);
  expect(row!.bundle).not.toContain(employer.password);
  expect(bundle.wipes.map((w) => w.reason)).toContain('idle');
});
