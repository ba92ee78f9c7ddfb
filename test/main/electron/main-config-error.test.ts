import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/fake-electron-module.js'));
vi.mock('electron-store', async () => {
  const { MemorySettingsStore } = await import('../../../src-main/core/ports.js');
  return { default: class extends MemorySettingsStore {} };
});
vi.mock('node-machine-id', () => ({ machineId: async () => 'boot-test-machine' }));
const { boot } = await import('../fakes/fake-electron-module.js');

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-boot-bad-'));
process.env.HELLOWORK_KIOSK_POLICY = path.join(dir, 'policy.json');
writeFileSync(
  process.env.HELLOWORK_KIOSK_POLICY,
  JSON.stringify({ serviceUrl: 'http://mypage.example.jp', idleTimeoutSecs: 60 }),
);

describe('the Electron entry with a broken policy file', () => {
  it('R-KIOSK-5: stops before any window opens, with a message for IT naming the file and the fields', async () => {
    await import('../../../src-main/electron/main.js');
    boot.ready!();
    await vi.waitFor(() => expect(boot.exitCode).toBe(1));
    expect(boot.errors).toHaveLength(1);
    expect(boot.errors[0]).toMatch(
      /^The kiosk configuration is invalid:\nthe policy file .*policy\.json is invalid: .*Unrecognized key.*idleTimeoutSecs/s,
    );
    expect(boot.errors[0]).toContain('docs/kiosk.md');
    expect(boot.events.some((e) => e.startsWith('window'))).toBe(false);
    expect(boot.ipc.size).toBe(0);
  });
});
