import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { fakeEvent, fakeIpcMain, FakeWebContents } from '../fakes/fake-electron.js';
import { recordingLogger } from '../fakes/fake-ports.js';

vi.mock('electron', () => ({ ipcMain: fakeIpcMain }));
const { lockDownContents } = await import('../../../src-main/electron/lockdown.js');
const { registerKioskIpc } = await import('../../../src-main/electron/ipc.js');
const { appOriginOf } = await import('../../../src-main/core/guards/url-guards.js');

const app = appOriginOf('app://kiosk/index.html');

describe('the Electron glue applies the core guards (fake Electron)', () => {
  let wc: FakeWebContents;
  let inputs = 0;
  let chords = 0;
  beforeEach(() => {
    wc = new FakeWebContents();
    inputs = 0;
    chords = 0;
    lockDownContents(wc as unknown as WebContents, {
      app,
      log: recordingLogger().logger,
      onInput: () => void inputs++,
      onAdminChord: () => void chords++,
    });
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'R-KIOSK-4 lock-down: %s to another site is refused, to the app allowed',
    (eventName) => {
      const hostile = fakeEvent('https://evil.example.com/phish');
      wc.emit(eventName, hostile);
      expect(hostile.prevented).toBe(true);
      const own = fakeEvent('app://kiosk/index.html#/home');
      wc.emit(eventName, own);
      expect(own.prevented).toBe(false);
    },
  );

  it('window.open is denied, the context menu and webviews are refused', () => {
    expect(wc.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
    const menu = fakeEvent();
    wc.emit('context-menu', menu);
    expect(menu.prevented).toBe(true);
    const webview = fakeEvent();
    wc.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
  });

  it('blocked shortcuts are swallowed, typing passes, every key feeds the idle guard, the chord opens the admin prompt', () => {
    const key = (k: string, mods: Record<string, boolean> = {}) => ({
      type: 'keyDown',
      key: k,
      control: false,
      meta: false,
      alt: false,
      shift: false,
      ...mods,
    });
    const reload = fakeEvent();
    wc.emit('before-input-event', reload, key('r', { control: true }));
    expect(reload.prevented).toBe(true);
    const letter = fakeEvent();
    wc.emit('before-input-event', letter, key('a'));
    expect(letter.prevented).toBe(false);
    const chord = fakeEvent();
    wc.emit('before-input-event', chord, key('K', { control: true, alt: true, shift: true }));
    expect(chord.prevented).toBe(true);
    expect(chords).toBe(1);
    expect(inputs).toBe(3);
  });

  it('zoom snaps back to 100 %', () => {
    wc.setZoomFactor(2);
    wc.emit('zoom-changed');
    expect(wc.zoomFactor).toBe(1);
  });

  it("IPC: messages from any sender but the kiosk page's main frame on app:// are dropped; the rest go to core", async () => {
    const seen: [string, unknown][] = [];
    registerKioskIpc({
      dispatch: async (c, p) => (seen.push([c, p]), { ok: true }),
      kiosk: () => ({ contents: wc, untilShown: async () => false }) as never,
      app,
      log: recordingLogger().logger,
    });
    const handler = fakeIpcMain.handlers.get('kiosk:status')!;
    const other = new FakeWebContents();
    await expect(handler({ sender: other, senderFrame: other.mainFrame }, undefined)).rejects.toThrow('refused');
    await expect(handler({ sender: wc, senderFrame: { url: 'app://kiosk/index.html' } }, undefined)).rejects.toThrow(
      'refused',
    ); // a subframe
    const hijacked = new FakeWebContents('https://evil.example.com/');
    await expect(handler({ sender: hijacked, senderFrame: hijacked.mainFrame }, undefined)).rejects.toThrow('refused');
    expect(seen).toEqual([]);
    expect(await handler({ sender: wc, senderFrame: wc.mainFrame }, undefined)).toEqual({ ok: true });
    expect(seen).toEqual([['status', undefined]]);
    expect([...fakeIpcMain.handlers.keys()]).toContain('kiosk:login');
  });
});
