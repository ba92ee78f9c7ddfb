import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueEnrollmentCode } from '../../../src-server/kiosk/enrollment.service.js';
import { startTestService, type TestService } from '../../support/service-harness.js';

/**
 * IT's deployment scripts (and `npm start`) enroll a terminal with HELLOWORK_KIOSK_ENROLL_CODE:
 * src-main/electron/main.ts booted on a fake Electron against the real service.
 */
vi.mock('electron', () => import('../fakes/fake-electron-module.js'));
vi.mock('electron-store', async () => {
  const { MemorySettingsStore } = await import('../../../src-main/core/ports.js');
  return { default: class extends MemorySettingsStore {} };
});
vi.mock('node-machine-id', () => ({ machineId: async () => 'scripted-enrollment-machine' }));
const { boot: h } = await import('../fakes/fake-electron-module.js');
vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }); // the heartbeat's 5-minute timer

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ database: 'sqlite' });
});
afterAll(async () => {
  vi.useRealTimers();
  delete process.env.HELLOWORK_KIOSK_ENROLL_CODE;
  await svc?.close();
});

describe('scripted enrollment', () => {
  it('R-KIOSK-5: with HELLOWORK_KIOSK_ENROLL_CODE an unenrolled kiosk enrolls itself at start-up and opens on the login form', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-scripted-'));
    process.env.HELLOWORK_KIOSK_POLICY = path.join(dir, 'policy.json');
    writeFileSync(
      process.env.HELLOWORK_KIOSK_POLICY,
      JSON.stringify({ serviceUrl: svc.url, office: '飯田橋公共職業安定所' }),
    );
    const { code } = await issueEnrollmentCode(svc.db, svc.clock, {
      office: '飯田橋公共職業安定所',
      label: 'scripted',
    });
    process.env.HELLOWORK_KIOSK_ENROLL_CODE = code;

    await import('../../../src-main/electron/main.js');
    h.ready!();
    await vi.waitFor(() => expect(h.events).toContain('window shown'), { timeout: 20_000 });

    expect(h.errors).toEqual([]);
    expect(h.exitCode).toBeUndefined();
    const terminals = await svc.db.selectFrom('kiosk_terminals').select(['label', 'revoked_at']).execute();
    expect(terminals).toEqual([{ label: 'scripted', revoked_at: null }]); // the code's terminal, enrolled once
    expect(h.views.at(-1)!.loaded).toEqual(['app://kiosk/kiosk.html#login.ja']); // enrolled: the login form, not 端末登録
  });
});
