import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../src-shared/kiosk-bridge.js';
import { announcedSeconds } from '../../src-renderer/kiosk/idle-countdown.js';
import { KioskShellModel } from '../../src-renderer/kiosk/kiosk-shell.svelte.js';

describe('the idle warning (R-KIOSK-4, WCAG 2.2.1)', () => {
  it('R-KIOSK-4: the live region speaks on the first second shown, every 10 s and each of the last 10 s — not every second', () => {
    let said: number | null = null;
    const spoken: number[] = [];
    for (let s = 30; s >= 1; s--) {
      const next = announcedSeconds(s, said);
      if (next !== said) spoken.push(next!);
      said = next;
    }
    expect(spoken).toEqual([30, 20, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(announcedSeconds(27, null)).toBe(27); // a warning that starts off the tens still speaks at once
  });

  it('R-KIOSK-4: 「延長する」 is one extendSession call and closes the warning; 「ログアウト」 is the logout (the wipe)', () => {
    const calls: string[] = [];
    const api = {
      extendSession: async () => (calls.push('extendSession'), { ok: true }),
      logout: async () => (calls.push('logout'), { ok: true }),
    } as unknown as KioskApi;
    const shell = new KioskShellModel(api);
    shell.onEvent({ type: 'idle-warning', secondsLeft: 30 });
    shell.onEvent({ type: 'idle-warning', secondsLeft: 29 });
    expect([shell.idleSecondsLeft, shell.idleAnnounced]).toEqual([29, 30]);
    shell.extendSession();
    expect([shell.idleSecondsLeft, shell.idleAnnounced]).toEqual([null, null]);
    shell.onEvent({ type: 'idle-warning', secondsLeft: 25 });
    shell.logoutNow();
    expect(shell.idleSecondsLeft).toBeNull();
    expect(calls).toEqual(['extendSession', 'logout']);
  });
});
