import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { hashAdminPin } from '../../../src-main/core/admin/admin-pin.js';
import { KIOSK_EXIT } from '../../../src-main/core/exit-codes.js';

/**
 * The exit codes the supervisors read (build/windows/shell-launcher.xml, build/linux/
 * hellowork-kiosk-loop.sh), driven through src-main/electron/main.ts on a fake Electron: a
 * packaged kiosk whose wipe leaves a trace exits 75 (start again), the IT exit exits 64.
 */
vi.mock('electron', () => import('../fakes/fake-electron-module.js'));
vi.mock('electron-store', async () => {
  const { MemorySettingsStore } = await import('../../../src-main/core/ports.js');
  return { default: class extends MemorySettingsStore {} };
});
vi.mock('node-machine-id', () => ({ machineId: async () => 'exit-codes-machine' }));
const { app, boot: h, session } = await import('../fakes/fake-electron-module.js');

const PIN = '24681357';
const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-exit-'));
process.env.HELLOWORK_KIOSK_POLICY = path.join(dir, 'policy.json');
writeFileSync(
  process.env.HELLOWORK_KIOSK_POLICY,
  JSON.stringify({ serviceUrl: 'http://127.0.0.1:9', office: '飯田橋公共職業安定所', adminPinHash: hashAdminPin(PIN) }),
);
vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
afterAll(() => vi.useRealTimers());

/** A call from the kiosk's current page, as its preload sends it. */
function fromPage(channel: string, payload: unknown): Promise<unknown> {
  const wc = h.views.at(-1)!.wc;
  const handler = h.ipc.get(`kiosk:${channel}`) as (event: unknown, payload: unknown) => Promise<unknown>;
  return handler({ sender: wc, senderFrame: wc.mainFrame }, payload);
}

describe('the exit codes of a packaged kiosk', () => {
  it('R-KIOSK-4, R-KIOSK-5: a wipe that leaves a cookie exits 75 for the supervisor to restart; the IT exit (PIN) exits 64', async () => {
    app.isPackaged = true;
    // A packaged kiosk reads the policy IT installed, not the environment: point its default there.
    const policy = await import('../../../src-main/core/config/policy-file.js');
    vi.spyOn(policy, 'defaultPolicyPath').mockReturnValue(process.env.HELLOWORK_KIOSK_POLICY!);
    await import('../../../src-main/electron/main.js');
    h.ready!();
    await vi.waitFor(() => expect(h.events).toContain('window shown'));
    expect(h.exitCode).toBeUndefined();

    const ses = session.fromPartition('kiosk') as unknown as { cookies: { get: () => Promise<unknown[]> } };
    const cookies = ses.cookies.get;
    ses.cookies.get = async () => [{ name: 'left-behind' }];
    h.power.get('lock-screen')!();
    await vi.waitFor(() => expect(h.exitCode).toBe(KIOSK_EXIT.restart));
    expect(KIOSK_EXIT.restart).toBe(75);
    expect(h.events).not.toContain('relaunch'); // the supervisor starts it again, never the kiosk itself

    ses.cookies.get = cookies;
    h.exitCode = undefined;
    expect(await fromPage('adminExit', { pin: '00000000' })).toMatchObject({ ok: false });
    expect(h.exitCode).toBeUndefined();
    expect(await fromPage('adminExit', { pin: PIN })).toMatchObject({ ok: true });
    expect(h.exitCode).toBe(KIOSK_EXIT.itExit);
    expect(KIOSK_EXIT.itExit).toBe(64);
  });
});
