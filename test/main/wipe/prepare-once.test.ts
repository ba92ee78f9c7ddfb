import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskStartHint } from '../../../src-shared/kiosk-start-hint.js';
import type { SessionWiper } from '../../../src-main/core/wipe/session-wiper.js';
import { buildTestCore } from '../fakes/core-harness.js';
import { startFakeKioskService, type FakeKioskService } from '../fakes/fake-kiosk-service.js';
import { recordingWiper } from '../fakes/fake-ports.js';

/** A promise the test settles itself. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/**
 * A wiper whose page preparations and page swaps wait until the test settles them (the rest
 * settles at once): a slow browser, without waiting for one.
 */
function slowPagesWiper() {
  const { wiper, calls } = recordingWiper();
  const prepared: { partition: string; start?: KioskStartHint; page: ReturnType<typeof deferred> }[] = [];
  const shown: { partition: string; page: ReturnType<typeof deferred> }[] = [];
  const slow: SessionWiper = {
    ...wiper,
    prepareNext(partition, start) {
      const page = deferred();
      prepared.push({ partition, ...(start ? { start } : {}), page });
      return page.promise;
    },
    replaceContents(partition) {
      const page = deferred();
      shown.push({ partition, page });
      return page.promise;
    },
  };
  return { wiper: slow, calls, prepared, shown };
}

/** Runs every callback already due (the fakes do no I/O): no timer, no waiting. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

let service: FakeKioskService;
beforeEach(async () => (service = await startFakeKioskService()));
afterEach(async () => service.close());

describe("the next visitor's page is prepared once (issue 21)", () => {
  it('R-KIOSK-4: a wipe while that page is still loading shows it (no second page), and the page after it is prepared once', async () => {
    const slow = slowPagesWiper();
    const { core, clock } = await buildTestCore({ serviceUrl: service.url, wiper: slow.wiper });
    const started = core.start();
    await flush();
    slow.shown[0]!.page.resolve(); // the start-up page
    await started;
    expect(slow.prepared.map((p) => p.partition)).toEqual(['kiosk-visitor-2']);

    await core.dispatch('activity', undefined);
    clock.advance(120_000); // the idle timeout: the wipe starts while kiosk-visitor-2 is still loading
    await flush();
    expect(slow.shown.map((s) => s.partition)).toEqual(['kiosk-visitor-1', 'kiosk-visitor-2']);
    slow.shown[1]!.page.resolve();
    await flush();
    slow.prepared[0]!.page.resolve(); // it finishes loading only now
    await flush();

    expect(slow.prepared.map((p) => p.partition)).toEqual(['kiosk-visitor-2', 'kiosk-visitor-3']);
    core.stop();
  });

  it('R-KIOSK-4: 端末登録 answered during a wipe: the enrolled page it asks for is the one the wipe asks for too, prepared once and then shown', async () => {
    const slow = slowPagesWiper();
    const { core, clock } = await buildTestCore({ serviceUrl: service.url, wiper: slow.wiper });
    const started = core.start();
    await flush();
    slow.shown[0]!.page.resolve();
    await started;
    slow.prepared[0]!.page.resolve(); // kiosk-visitor-2, made for a terminal not yet enrolled

    await core.dispatch('activity', undefined);
    clock.advance(120_000); // the idle wipe shows kiosk-visitor-2 ...
    await flush();
    expect(slow.shown.at(-1)?.partition).toBe('kiosk-visitor-2');
    // ... and, before that page is up, IT staff's enrollment is answered (from the page being replaced)
    expect(await core.dispatch('enroll', { serviceUrl: service.url, code: 'abcd-2345' })).toMatchObject({ ok: true });
    slow.shown.at(-1)!.page.resolve(); // the wipe ends, and asks for the next page too
    await flush();

    expect(slow.prepared.map((p) => [p.partition, p.start?.enrolled])).toEqual([
      ['kiosk-visitor-2', false],
      ['kiosk-visitor-3', true],
    ]);
    slow.prepared[1]!.page.resolve();

    const logout = core.wipe('logout'); // the next visitor gets that page
    await flush();
    slow.shown.at(-1)!.page.resolve();
    await logout;
    expect(slow.shown.map((s) => s.partition)).toEqual(['kiosk-visitor-1', 'kiosk-visitor-2', 'kiosk-visitor-3']);
    expect(slow.prepared.map((p) => p.partition)).toEqual(['kiosk-visitor-2', 'kiosk-visitor-3', 'kiosk-visitor-4']);
    core.stop();
  });
});
