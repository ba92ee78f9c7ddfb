import { describe, expect, it } from 'vitest';
import { createOfflineMonitor, offlineErrorOf } from '../../../src-main/core/service/offline-monitor.js';
import { recordingLogger } from '../fakes/fake-ports.js';
import { ManualClock } from '../fakes/manual-clock.js';

function monitor(answers: boolean[]) {
  const clock = new ManualClock();
  const probes: number[] = [];
  const changes: boolean[] = [];
  const m = createOfflineMonitor({
    clock,
    log: recordingLogger().logger,
    probe: async () => (probes.push(clock.now()), answers.shift() ?? false),
    onChange: (offline) => void changes.push(offline),
    firstRetryMs: 2_000,
    maxRetryMs: 16_000,
  });
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  /** Moves the clock a second at a time, letting each probe's answer land. */
  const run = async (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      clock.advance(1000);
      await settle();
    }
  };
  return { clock, m, probes, changes, run };
}

describe('offline monitor (issue 13 item 5): 「ただいまご利用いただけません」 and retries on a moved clock', () => {
  it('network errors and the gateway statuses (503 service_unavailable) count as offline; other refusals do not', () => {
    expect(offlineErrorOf({ ok: false, error: { error: 'network_error', message: '' } })).toBe('network_error');
    expect(offlineErrorOf({ ok: false, error: { error: 'service_unavailable', message: '' } })).toBe(
      'service_unavailable',
    );
    expect(offlineErrorOf({ ok: false, error: { error: 'invalid_credentials', message: '' } })).toBeUndefined();
    expect(offlineErrorOf({ ok: true, data: undefined })).toBeUndefined();
  });

  it('retries with a doubling back-off, capped, and goes back online at the first answer', async () => {
    const { clock, m, probes, changes, run } = monitor([false, false, false, false, false, true]);
    const start = clock.now();
    m.observe('network_error');
    m.observe('network_error'); // once is enough
    expect(changes).toEqual([true]);
    await run(120_000);
    // 2 s, then 4, 8, 16, 16 (the cap), 16 s apart
    expect(probes.map((t) => (t - start) / 1000)).toEqual([2, 6, 14, 30, 46, 62]);
    expect(changes).toEqual([true, false]);
    expect(m.offline).toBe(false);
    expect(m.pendingOfflineMs()).toBe(62_000);
  });

  it('the heartbeat reports how long it was offline, once', async () => {
    const { m, run } = monitor([true]);
    m.observe('service_unavailable');
    await run(2_000);
    expect(m.offline).toBe(false);
    const ms = m.pendingOfflineMs();
    expect(ms).toBe(2_000);
    m.reported(ms);
    expect(m.pendingOfflineMs()).toBe(0);
  });

  it('a probe that throws counts as no answer', async () => {
    const clock = new ManualClock();
    const m = createOfflineMonitor({
      clock,
      log: recordingLogger().logger,
      probe: async () => Promise.reject(new Error('boom')),
      onChange: () => undefined,
    });
    m.observe('network_error');
    for (let i = 0; i < 10; i++) {
      clock.advance(1000);
      await Promise.resolve();
      await Promise.resolve();
    }
    expect(m.offline).toBe(true);
    m.stop();
  });
});
