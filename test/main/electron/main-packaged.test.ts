import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/fake-electron-module.js'));
vi.mock('electron-store', async () => {
  const { MemorySettingsStore } = await import('../../../src-main/core/ports.js');
  return { default: class extends MemorySettingsStore {} };
});
vi.mock('node-machine-id', () => ({ machineId: async () => 'packaged-test-machine' }));
const { app, boot } = await import('../fakes/fake-electron-module.js');

// A policy of the visitor's own, offered through the environment: a shipped kiosk must not read it.
const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-packaged-'));
process.env.HELLOWORK_KIOSK_POLICY = path.join(dir, 'policy.json');
writeFileSync(
  process.env.HELLOWORK_KIOSK_POLICY,
  JSON.stringify({ serviceUrl: 'http://attacker.example', bogus: true }),
);

describe('a packaged kiosk', () => {
  it('R-KIOSK-5: ignores HELLOWORK_KIOSK_POLICY, so the environment cannot swap the policy IT set', async () => {
    app.isPackaged = true;
    await import('../../../src-main/electron/main.js');
    boot.ready!();
    await vi.waitFor(() => expect(boot.events).toContain('window shown'));
    // Had the broken policy been read, start-up would have stopped with exit code 1 and a message.
    expect(boot.exitCode).toBeUndefined();
    expect(boot.errors).toEqual([]);
  });
});
