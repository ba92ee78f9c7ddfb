import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { kioskChannels } from '../../../src-shared/kiosk-bridge.js';
import { FakeWebContents } from '../fakes/fake-electron.js';

/**
 * Boots src-main/electron/main.ts on a fake Electron: the one place where the glue's order
 * (config → session → window → IPC → power events → start-up wipe) runs without the binary.
 */
vi.mock('electron', () => import('../fakes/fake-electron-module.js'));
vi.mock('electron-store', async () => {
  const { MemorySettingsStore } = await import('../../../src-main/core/ports.js');
  return { default: class extends MemorySettingsStore {} };
});
vi.mock('node-machine-id', () => ({ machineId: async () => 'boot-test-machine' }));
const { boot: h } = await import('../fakes/fake-electron-module.js');

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-boot-'));
process.env.HELLOWORK_KIOSK_POLICY = path.join(dir, 'policy.json');
writeFileSync(
  process.env.HELLOWORK_KIOSK_POLICY,
  JSON.stringify({ serviceUrl: 'http://127.0.0.1:9', office: '飯田橋公共職業安定所' }),
);
vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }); // the heartbeat's 5-minute timer
afterAll(() => vi.useRealTimers());

describe('the Electron entry on a fake Electron', () => {
  it('R-KIOSK-1, R-KIOSK-3, R-KIOSK-4: one kiosk window, sandboxed page in an in-memory partition, every channel handled, power events wipe, start-up wipe first', async () => {
    await import('../../../src-main/electron/main.js');
    expect(h.events).toContain('privileged app');
    h.ready!();
    await vi.waitFor(() => expect(h.events).toContain('window shown'));

    expect(h.exitCode).toBeUndefined();
    expect(h.errors).toEqual([]);
    expect(h.partition).toMatch(/^kiosk-visitor-\d+$/); // one in-memory partition per visitor (the last made: the next one's)
    expect(h.partition.startsWith('persist:')).toBe(false);
    expect(h.events).toContain('window kiosk=true');
    expect(h.events).toContain('menu null');
    expect(h.events).toContain('protocol app');
    expect(h.events).toContain('permissions locked');
    const page = h.views.at(-1)!;
    expect(page.prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
      webviewTag: false,
    });
    expect(String(page.prefs.preload)).toMatch(/preload\.cjs$/);
    expect(page.loaded).toEqual(['app://kiosk/kiosk.html#enroll.ja']); // main's start hint: not enrolled yet, Japanese
    // The start-up wipe (a first page on a new partition: nothing to clear yet) ran before the window was shown.
    expect(h.events.indexOf('view added')).toBeLessThan(h.events.indexOf('window shown'));
    expect([...h.ipc.keys()].sort()).toEqual(kioskChannels.map((c) => `kiosk:${c}`).sort());
    expect([...h.power.keys()].sort()).toEqual(['lock-screen', 'suspend']);

    const before = h.events.filter((e) => e === 'clearStorageData').length;
    h.power.get('lock-screen')!();
    await vi.waitFor(() => expect(h.events.filter((e) => e === 'clearStorageData').length).toBe(before + 1));
    await vi.waitFor(() => expect(h.events.filter((e) => e === 'view closed').length).toBeGreaterThanOrEqual(1));
    expect(h.events).toContain('clipboard cleared');
    if (process.platform === 'linux') expect(h.events).toContain('clipboard cleared selection');
    expect(h.views.at(-1)!.wc).toBeInstanceOf(FakeWebContents);
    expect(h.events).not.toContain('relaunch');
  });
});
