import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SELF_TEST_EXIT } from '../../../src-main/core/exit-codes.js';

/**
 * `hellowork-kiosk --self-test` through src-main/electron/main.ts on a fake Electron: the entry
 * only wires the flag — no window, no single-instance lock, no wait for `ready` — and exits with
 * core/self-test's code, reading the profile `--profile=DIR` names.
 */
const opened: Record<string, unknown>[] = [];
vi.mock('electron', () => import('../fakes/fake-electron-module.js'));
vi.mock('electron-store', async () => {
  const { MemorySettingsStore } = await import('../../../src-main/core/ports.js');
  return {
    default: class extends MemorySettingsStore {
      constructor(options: Record<string, unknown>) {
        super();
        opened.push(options);
      }
    },
  };
});
vi.mock('node-machine-id', () => ({ machineId: async () => 'self-test-machine' }));
const { boot: h } = await import('../fakes/fake-electron-module.js');

const service = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"mailFrom":"a@example.jp","production":false}');
});
await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => service.close(() => resolve())));

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-self-test-'));
process.env.HELLOWORK_KIOSK_POLICY = path.join(dir, 'policy.json');
writeFileSync(
  process.env.HELLOWORK_KIOSK_POLICY,
  JSON.stringify({ serviceUrl: `http://127.0.0.1:${(service.address() as AddressInfo).port}` }),
);
const argv = process.argv;
afterAll(() => void (process.argv = argv));

describe('the Electron entry with --self-test', () => {
  it('R-KIOSK-5: prints one line per check and exits with the first failure’s code, opening no window', async () => {
    process.argv = [...argv, '--self-test', `--profile=${dir}`];
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true));
    await import('../../../src-main/electron/main.js');
    await vi.waitFor(() => expect(h.exitCode).toBeDefined());
    write.mockRestore();

    const lines = printed.join('').trimEnd().split('\n');
    expect(lines[0]).toBe('HelloWork Kiosk 0.1.0 self-test');
    expect(lines.slice(1, 5).map((l) => l.split(':')[0])).toEqual([
      'OK   configuration',
      'FAIL enrollment',
      'OK   service',
      'OK   clock',
    ]);
    expect(h.exitCode).toBe(SELF_TEST_EXIT.enrollment);
    expect(opened).toEqual([{ name: 'kiosk-settings', cwd: dir }]);
    expect(h.ready).toBeUndefined(); // never waited for app ready
    expect(h.events.some((e) => e.startsWith('window'))).toBe(false);
  });
});
