import { describe, expect, it } from 'vitest';
import { nextRestartAt, restartDue } from '../../../src-main/core/wipe/restart-policy.js';
import { buildTestCore } from '../fakes/core-harness.js';

const restarts = (calls: string[]) => calls.filter((c) => c.startsWith('restartApp'));

describe('restart policy (R-KIOSK-4: Electron never frees a partition)', () => {
  it('R-KIOSK-4: due after N visitors, or once past the set hour (local time), else not', () => {
    const startedAt = new Date(2026, 10, 25, 9, 30).getTime();
    expect(nextRestartAt(startedAt, 4)).toBe(new Date(2026, 10, 26, 4, 0).getTime()); // the next morning
    expect(nextRestartAt(startedAt, 12)).toBe(new Date(2026, 10, 25, 12, 0).getTime()); // later today
    const policy = { restartAfterVisitors: 3, restartAtHour: 4 };
    expect(restartDue(policy, { visitors: 2, startedAt, now: startedAt })).toBeUndefined();
    expect(restartDue(policy, { visitors: 3, startedAt, now: startedAt })).toBe('after 3 visitors');
    expect(
      restartDue(policy, { visitors: 0, startedAt, now: new Date(2026, 10, 26, 3, 59).getTime() }),
    ).toBeUndefined();
    expect(restartDue(policy, { visitors: 0, startedAt, now: new Date(2026, 10, 26, 4, 0).getTime() })).toBe(
      'the daily restart at 4:00',
    );
    expect(
      restartDue(
        { restartAfterVisitors: 3, restartAtHour: null },
        { visitors: 0, startedAt, now: startedAt + 7 * 86_400_000 },
      ),
    ).toBeUndefined();
  });

  it('R-KIOSK-4: after N visitors the kiosk restarts at the end of the wipe, when nobody is at it', async () => {
    const { core, wiper } = await buildTestCore({
      serviceUrl: 'http://127.0.0.1:9',
      settings: { restartAfterVisitors: 2, restartAtHour: null },
    });
    await core.start();
    core.idle.input();
    await core.wipe('idle');
    expect(restarts(wiper.calls)).toEqual([]); // one visitor so far
    core.idle.input();
    await core.wipe('idle');
    expect(restarts(wiper.calls)).toEqual(['restartApp: restart policy: after 2 visitors']);
    core.stop();
  });

  it('R-KIOSK-4: the hour passes while a visitor is there: no restart until their session is wiped', async () => {
    const hour = new Date(Date.UTC(2026, 10, 25, 9, 0, 0) + 2 * 3_600_000).getHours(); // the test clock's start + 2 h, local
    const k = await buildTestCore({
      serviceUrl: 'http://127.0.0.1:9',
      settings: { restartAtHour: hour, idleTimeoutSeconds: 3600, idleWarningSeconds: 60 },
    });
    await k.core.start();
    k.clock.advance(3_600_000);
    k.core.idle.input(); // a visitor arrives an hour before the restart time
    for (let i = 0; i < 8; i++) {
      k.clock.advance(15 * 60_000 - 1000);
      k.core.idle.input(); // and keeps working past it
    }
    expect(restarts(k.wiper.calls)).toEqual([]);
    await k.core.wipe('logout');
    expect(restarts(k.wiper.calls)).toEqual([`restartApp: restart policy: the daily restart at ${hour}:00`]);
    k.core.stop();
  });

  it('R-KIOSK-4: past the hour with nobody there, the minute timer restarts it once', async () => {
    const hour = new Date(Date.UTC(2026, 10, 25, 9, 0, 0) + 3_600_000).getHours();
    const { core, clock, wiper } = await buildTestCore({
      serviceUrl: 'http://127.0.0.1:9',
      settings: { restartAtHour: hour },
    });
    await core.start();
    clock.advance(3_540_000);
    expect(restarts(wiper.calls)).toEqual([]);
    clock.advance(3 * 60_000);
    expect(restarts(wiper.calls)).toHaveLength(1);
    core.stop();
  });
});
