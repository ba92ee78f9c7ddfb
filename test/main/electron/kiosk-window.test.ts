import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { fakeEvent } from '../fakes/fake-electron.js';
import { recordingLogger } from '../fakes/fake-ports.js';

/**
 * The kiosk window's replaceable page on a fake Electron (R-KIOSK-4): the old contents die before
 * the login page navigates, the wipe's check can start when the login page commits, and the next
 * wipe's contents are a spare view started at the visitor's first input.
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
    close: () => void boot.events.push(`view ${i} closed`),
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
    session: {} as Session,
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

describe('the kiosk window replaces its page (fake Electron)', () => {
  beforeEach(() => {
    boot.views.length = 0;
    boot.events.length = 0;
    pending.clear();
    boot.views.push = (...views: View[]) => {
      for (const v of views) gate(v, Array.prototype.push.call(boot.views, v) - 1);
      return boot.views.length;
    };
  });

  it('R-KIOSK-4: the old page is closed before the login page navigates; replace ends when the login page commits, not when it has loaded', async () => {
    const { kiosk } = openWindow();
    const first = kiosk.contents;
    let done = false;
    const replacing = kiosk.replace().then(() => (done = true));
    await settle();
    const next = boot.views[1] as View;
    expect(kiosk.contents).toBe(next.wc); // the bridge answers the new page while it loads
    expect(kiosk.contents).not.toBe(first);
    expect(boot.events).toEqual(['view added', 'view removed', 'view 0 closed', `view 1 load ${APP}`]);

    next.wc.emit('did-navigate', {}, APP);
    await replacing;
    expect(done).toBe(true);
    expect(pending.has(`1 ${APP}`)).toBe(true); // still loading: the check runs meanwhile
  });

  it('R-KIOSK-4: the first input starts one spare view on about:blank; the next wipe navigates it instead of starting a renderer', async () => {
    const { kiosk, inputs } = openWindow();
    const wc = kiosk.contents as unknown as (typeof boot.views)[number]['wc'];
    wc.emit('before-input-event', fakeEvent(), key);
    wc.emit('before-input-event', fakeEvent(), key);
    expect(inputs()).toBe(2); // the idle guard still hears every key
    expect(boot.views).toHaveLength(2); // one spare, however many keys
    expect(boot.events).toEqual(['view 1 load about:blank']);
    expect(kiosk.contents).toBe(wc); // the spare is never the kiosk's page before a wipe

    const replacing = kiosk.replace();
    await settle();
    expect(boot.views).toHaveLength(2); // no new view: the spare is used
    expect(boot.events.slice(1)).toEqual(['view added', 'view removed', 'view 0 closed', `view 1 load ${APP}`]);
    // The spare's own about:blank committing late does not end the step; the login page does.
    (boot.views[1] as View).wc.emit('did-navigate', {}, 'about:blank');
    let done = false;
    void replacing.then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    pending.get(`1 ${APP}`)!();
    await replacing;
  });

  it('R-KIOSK-4: main\'s start hint goes into the login page\'s fragment; its commit ends the step', async () => {
    const { kiosk } = openWindow();
    const replacing = kiosk.replace('#login.ja');
    await settle();
    expect(boot.events).toEqual(['view added', 'view removed', 'view 0 closed', `view 1 load ${APP}#login.ja`]);
    (boot.views[1] as View).wc.emit('did-navigate', {}, `${APP}#login.ja`);
    await replacing;
  });

  it('R-KIOSK-4: a spare whose renderer dies is dropped without wiping the visitor; the next wipe starts a new view', async () => {
    const { kiosk, lost } = openWindow();
    (kiosk.contents as unknown as View['wc']).emit('before-input-event', fakeEvent(), key);
    const spare = boot.views[1] as View;
    spare.wc.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(lost).toEqual([]);
    expect(boot.events).toContain('view 1 closed');

    const replacing = kiosk.replace();
    await settle();
    expect(boot.views).toHaveLength(3);
    pending.get(`2 ${APP}`)!();
    await replacing;
    (kiosk.contents as unknown as View['wc']).emit('render-process-gone', {}, { reason: 'crashed' });
    expect(lost).toEqual(['render-process-gone: crashed']); // the page itself still counts
  });
});
