import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { fakeEvent } from '../fakes/fake-electron.js';
import { recordingLogger } from '../fakes/fake-ports.js';

/**
 * The kiosk window on a fake Electron (R-KIOSK-3, R-KIOSK-4): each page on its own partition, the next
 * visitor's loaded ahead in a spare view and swapped in by the wipe, the old view closed.
 */
vi.mock('electron', () => import('../fakes/fake-electron-module.js'));
const { boot } = await import('../fakes/fake-electron-module.js');
const { createKioskWindow } = await import('../../../src-main/electron/kiosk-window.js');
const { appOriginOf } = await import('../../../src-main/core/guards/url-guards.js');

const APP = 'app://kiosk/kiosk.html';
type View = (typeof boot.views)[number];

/** Each new view's loadURL is recorded in boot.events and waits until the test settles it. */
const pending = new Map<string, () => void>();
function gate(v: View, i: number) {
  Object.assign(v.wc, {
    loadURL: (url: string) => {
      boot.events.push(`view ${i} load ${url}`);
      return new Promise<void>((resolve) => pending.set(`${i} ${url}`, resolve));
    },
    close: () => {
      boot.events.push(`view ${i} closed`);
      v.wc.emit('destroyed');
    },
  });
}
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
const key = { type: 'keyDown', key: 'a', control: false, meta: false, alt: false, shift: false };

function openWindow() {
  const lost: string[] = [];
  let inputs = 0;
  const kiosk = createKioskWindow({
    sessionFor: (partition) => ({ partition }) as unknown as Session,
    preload: '/preload.cjs',
    appUrl: APP,
    app: appOriginOf(APP),
    log: recordingLogger().logger,
    onInput: () => void inputs++,
    onAdminChord: () => undefined,
    onContentsLost: (why) => void lost.push(why),
  });
  boot.events.length = 0;
  return { kiosk, lost, inputs: () => inputs };
}
const partitionOf = (v: View) => (v.prefs.session as { partition: string }).partition;

describe('the kiosk window: a partition and a ready page per visitor (fake Electron)', () => {
  beforeEach(() => {
    boot.views.length = 0;
    boot.events.length = 0;
    pending.clear();
    boot.views.push = (...views: View[]) => {
      for (const v of views) gate(v, Array.prototype.push.call(boot.views, v) - 1);
      return boot.views.length;
    };
  });

  it('R-KIOSK-4: the start-up page is made on its partition and shown when its document commits', async () => {
    const { kiosk } = openWindow();
    expect(kiosk.contents).toBeUndefined();
    const replacing = kiosk.replace('kiosk-visitor-1', '#login.ja');
    await settle();
    const first = boot.views[0] as View;
    expect(partitionOf(first)).toBe('kiosk-visitor-1');
    expect(kiosk.contents).toBe(first.wc);
    expect(boot.events).toEqual([`view 0 load ${APP}#login.ja`, 'view added']);
    first.wc.emit('did-navigate', {}, `${APP}#login.ja`);
    await replacing;
  });

  it('R-KIOSK-3, R-KIOSK-4: the next page is loaded ahead in a spare view on the next partition, never shown; the wipe swaps it in and closes the old view', async () => {
    const { kiosk, inputs } = openWindow();
    const starting = kiosk.replace('kiosk-visitor-1');
    pending.get(`0 ${APP}`)!();
    await starting;
    const preparing = kiosk.prepare('kiosk-visitor-2', '#login.ja');
    await settle();
    const spare = boot.views[1] as View;
    expect(partitionOf(spare)).toBe('kiosk-visitor-2');
    expect(kiosk.contents).toBe((boot.views[0] as View).wc); // the visitor's page is still the kiosk's page
    (kiosk.contents as unknown as View['wc']).emit('before-input-event', fakeEvent(), key);
    expect(inputs()).toBe(1);
    pending.get(`1 ${APP}#login.ja`)!();
    await preparing;

    boot.events.length = 0;
    await kiosk.replace('kiosk-visitor-2', '#login.ja');
    expect(boot.views).toHaveLength(2); // no new view: the ready page is used
    expect(kiosk.contents).toBe(spare.wc);
    expect(boot.events).toEqual(['view added', 'view removed']); // shown; the old one is closed behind it
    await kiosk.closeRetired();
    expect(boot.events).toEqual(['view added', 'view removed', 'view 0 closed']);
  });

  it("R-KIOSK-4: the ready page's bridge calls are held until it is shown; a dropped one is refused", async () => {
    const { kiosk } = openWindow();
    void kiosk.prepare('kiosk-visitor-2');
    await settle();
    const spare = (boot.views[0] as View).wc as unknown as Electron.WebContents;
    let shown: boolean | undefined;
    void kiosk.untilShown(spare).then((v) => (shown = v));
    await settle();
    expect(shown).toBeUndefined();
    const replacing = kiosk.replace('kiosk-visitor-2');
    await settle();
    expect(shown).toBe(true);
    pending.get(`0 ${APP}`)!();
    await replacing;

    void kiosk.prepare('kiosk-visitor-3');
    await settle();
    const next = (boot.views[1] as View).wc as unknown as Electron.WebContents;
    let answer: boolean | undefined;
    void kiosk.untilShown(next).then((v) => (answer = v));
    void kiosk.prepare('kiosk-visitor-4'); // replaces the spare
    await settle();
    expect(answer).toBe(false);
    expect(await kiosk.untilShown({} as Electron.WebContents)).toBe(false);
  });

  it('R-KIOSK-4: a ready page whose renderer dies is dropped without wiping the visitor; the wipe then loads one', async () => {
    const { kiosk, lost } = openWindow();
    const starting = kiosk.replace('kiosk-visitor-1');
    pending.get(`0 ${APP}`)!();
    await starting;
    void kiosk.prepare('kiosk-visitor-2');
    await settle();
    (boot.views[1] as View).wc.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(lost).toEqual([]);
    expect(boot.events).toContain('view 1 closed');

    const replacing = kiosk.replace('kiosk-visitor-2');
    await settle();
    expect(boot.views).toHaveLength(3);
    pending.get(`2 ${APP}`)!();
    await replacing;
    (kiosk.contents as unknown as View['wc']).emit('render-process-gone', {}, { reason: 'crashed' });
    expect(lost).toEqual(['render-process-gone: crashed']); // the page itself still counts
  });
});
