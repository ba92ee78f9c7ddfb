import { describe, expect, it } from 'vitest';
import { createServiceClient, type ServiceClient } from '../../../src-main/core/service/service-client.js';
import { createPartitionRotation } from '../../../src-main/core/wipe/partitions.js';
import {
  prepareNextPage,
  serializeWipes,
  wipeVisitor,
  type SessionWiper,
  type WipeDeps,
} from '../../../src-main/core/wipe/session-wiper.js';
import { createVisitorSession } from '../../../src-main/core/wipe/visitor-session.js';
import { recordingLogger, recordingWiper } from '../fakes/fake-ports.js';
import { startFakeKioskService } from '../fakes/fake-kiosk-service.js';
import { api } from '../../../src-shared/api/routes.js';

/** A rotation whose first visitor is on kiosk-visitor-1 (the start-up wipe already ran). */
function rotationWithVisitor() {
  const partitions = createPartitionRotation();
  partitions.advance();
  return partitions;
}
const deps = (over: Partial<WipeDeps> & Pick<WipeDeps, 'wiper'>): WipeDeps => ({
  session: createVisitorSession(),
  client: () => undefined,
  partitions: rotationWithVisitor(),
  log: recordingLogger().logger,
  ...over,
});

describe('wipe procedure (R-KIOSK-4, R-OTP-6): a new partition per visitor', () => {
  it('R-KIOSK-4: logs out at the service, drops the token, shows the next page on a new partition, clears the clipboard and the old partition, verifies, drops it', async () => {
    const service = await startFakeKioskService();
    try {
      const session = createVisitorSession();
      service.tokens.add('tok_visitor');
      session.signedIn({ kind: 'bearer', token: 'tok_visitor' });
      const { wiper, calls } = recordingWiper();
      const report = await wipeVisitor(
        'idle',
        deps({ session, client: () => createServiceClient(service.url), wiper }),
      );
      expect(report.steps).toEqual([
        'logout',
        'drop-token',
        'replace-contents',
        'close-old-page',
        'clear-clipboard',
        'clear-storage',
        'clear-http-cache',
        'clear-auth-cache',
        'verify',
      ]);
      expect(calls).toEqual([
        'replaceContents kiosk-visitor-2',
        'clearClipboard',
        'closePage kiosk-visitor-1',
        'clearStorageData kiosk-visitor-1',
        'clearHttpCache kiosk-visitor-1',
        'clearAuthCache kiosk-visitor-1',
        'leftovers kiosk-visitor-1',
        'dropPartition kiosk-visitor-1',
      ]);
      expect(service.requests.find((r) => r.path === api.logout.path)?.auth).toBe('Bearer tok_visitor');
      expect(service.tokens.has('tok_visitor')).toBe(false); // ended at the service, not only here
      expect(session.credential).toBeUndefined();
      expect(report.restarted).toBe(false);
    } finally {
      await service.close();
    }
  });

  it('R-KIOSK-3: every visitor gets a partition no earlier visitor used; the page prepared ahead is the one shown, and each old one is dropped', async () => {
    const partitions = createPartitionRotation();
    const { wiper, calls } = recordingWiper();
    const d = {
      wiper,
      partitions,
      log: recordingLogger().logger,
      session: createVisitorSession(),
      client: () => undefined,
    };
    await wipeVisitor('start-up', d); // nothing to retire
    await prepareNextPage(d);
    await wipeVisitor('idle', d);
    await prepareNextPage(d);
    await wipeVisitor('logout', d);
    expect(calls.filter((c) => /^(prepareNext|replaceContents|dropPartition)/.test(c))).toEqual([
      'replaceContents kiosk-visitor-1',
      'prepareNext kiosk-visitor-2',
      'replaceContents kiosk-visitor-2',
      'dropPartition kiosk-visitor-1',
      'prepareNext kiosk-visitor-3',
      'replaceContents kiosk-visitor-3',
      'dropPartition kiosk-visitor-2',
    ]);
    expect(partitions.current).toBe('kiosk-visitor-3');
    expect(partitions.made).toBe(3);
  });

  it('R-KIOSK-4: a page that could not be prepared is loaded at the wipe, on a partition of its own', async () => {
    const partitions = rotationWithVisitor();
    const { wiper, calls } = recordingWiper({ failStep: 'prepareNext' });
    const log = recordingLogger();
    await prepareNextPage({ wiper, partitions, log: log.logger });
    expect(log.text()).toMatch(/could not be prepared/);
    const report = await wipeVisitor('idle', deps({ wiper, partitions }));
    expect(calls).toContain('replaceContents kiosk-visitor-3');
    expect(report.restarted).toBe(false);
  });

  it('R-KIOSK-3: a preparation replaced by a later one on the same partition (after 端末登録) fails without losing the later page', async () => {
    const partitions = rotationWithVisitor();
    const { wiper, calls } = recordingWiper();
    let replaced!: (error: Error) => void;
    const first = new Promise<void>((_resolve, reject) => (replaced = reject));
    let prepares = 0;
    const racing: SessionWiper = {
      ...wiper,
      prepareNext: (name, start) => (++prepares === 1 ? first : wiper.prepareNext(name, start)),
    };
    const log = recordingLogger();
    const start = (enrolled: boolean) => () => ({ enrolled, locale: 'ja' as const });
    const earlier = prepareNextPage({ wiper: racing, partitions, log: log.logger, start: start(false) }); // the page made before enrollment
    await prepareNextPage({ wiper: racing, partitions, log: log.logger, start: start(true) }); // made again once enrolled: closes the first
    replaced(new Error('page closed'));
    await earlier;
    await wipeVisitor('idle', deps({ wiper: racing, partitions }));
    expect(calls.filter((c) => /^(prepareNext|replaceContents)/.test(c))).toEqual([
      'prepareNext kiosk-visitor-2',
      'replaceContents kiosk-visitor-2',
    ]);
  });

  it('R-KIOSK-4: the new page gets what main knows (enrolled, language), nothing of the visitor', async () => {
    const session = createVisitorSession();
    session.signedIn({ kind: 'bearer', token: 'tok_hint' });
    const seen: unknown[] = [];
    const { wiper } = recordingWiper();
    const report = await wipeVisitor(
      'idle',
      deps({
        session,
        wiper: { ...wiper, replaceContents: async (_p, start) => void seen.push(start) },
        start: () => ({ enrolled: true, locale: 'ja' }),
      }),
    );
    expect(seen).toEqual([{ enrolled: true, locale: 'ja' }]);
    expect(report.restarted).toBe(false);
  });

  it('R-KIOSK-4: the token is dropped and the page wiped even when the service cannot be reached', async () => {
    const session = createVisitorSession();
    session.signedIn({ kind: 'bearer', token: 'tok_offline' });
    const { wiper, calls } = recordingWiper();
    const report = await wipeVisitor(
      'idle',
      deps({ session, client: () => createServiceClient('http://127.0.0.1:9'), wiper }),
    );
    expect(report.steps[0]).toBe('logout (failed)');
    expect(session.credential).toBeUndefined();
    expect(calls).toContain('replaceContents kiosk-visitor-2');
    expect(report.restarted).toBe(false);
  });

  it('R-KIOSK-4: when traces remain in the old partition after the wipe, the app restarts', async () => {
    const { wiper, calls } = recordingWiper({ leftover: ['1 cookie(s)'] });
    const report = await wipeVisitor('logout', deps({ wiper }));
    expect(report.restarted).toBe(true);
    expect(calls.find((c) => c.startsWith('restartApp'))).toMatch(/^restartApp: wipe \(logout\) left: 1 cookie\(s\)/);
  });

  it('R-KIOSK-4: a clear step (or the clipboard) that throws also restarts the app (never a half-wiped kiosk)', async () => {
    for (const failStep of ['clearStorageData', 'clearClipboard'] as const) {
      const { wiper, calls } = recordingWiper({ failStep });
      const report = await wipeVisitor('suspend', deps({ wiper }));
      expect(report.steps.some((s) => s.endsWith('(failed)'))).toBe(true);
      expect(calls).toContain('replaceContents kiosk-visitor-2');
      expect(report.restarted).toBe(true);
    }
  });

  it('R-KIOSK-4: the next page is shown at once, beside the logout; the old partition is cleared only after its page is gone, checked after the logout, dropped behind the report', async () => {
    const g = gatedWipe();
    const wiping = wipeVisitor('idle', g.deps);
    await settle();
    expect(g.started).toEqual(['logout', 'replaceContents']);
    expect(g.deps.session.credential).toBeUndefined(); // held for the logout call only

    g.release('replaceContents'); // the new page is shown
    await settle();
    expect(g.started).toEqual(['logout', 'replaceContents', 'clearClipboard', 'closePage']);
    g.release('closePage'); // the old page is gone: its partition can be cleared
    await settle();
    expect(g.started).toEqual([
      'logout',
      'replaceContents',
      'clearClipboard',
      'closePage',
      'clearStorageData',
      'clearHttpCache',
      'clearAuthCache',
    ]);
    for (const name of ['clearClipboard', 'clearStorageData', 'clearHttpCache', 'clearAuthCache']) g.release(name);
    await settle();
    expect(g.started).not.toContain('leftovers'); // the logout is still in flight

    g.release('logout');
    const report = await wiping; // dropped behind the report: the next visitor does not wait for it
    expect(g.started.at(-1)).toBe('dropPartition');
    expect(report.steps).toEqual([
      'logout',
      'drop-token',
      'replace-contents',
      'close-old-page',
      'clear-clipboard',
      'clear-storage',
      'clear-http-cache',
      'clear-auth-cache',
      'verify',
    ]);
    expect(report.restarted).toBe(false);
  });

  it('R-KIOSK-4: a logout that fails does not stop the page, the clears or the check, and does not restart the app', async () => {
    const g = gatedWipe();
    const wiping = wipeVisitor('idle', g.deps);
    await settle();
    g.fail('logout');
    g.release('replaceContents');
    await settle();
    g.release('closePage');
    await settle();
    for (const name of ['clearClipboard', 'clearStorageData', 'clearHttpCache', 'clearAuthCache']) g.release(name);
    const report = await wiping;
    expect(report.steps[0]).toBe('logout (failed)');
    expect(g.started).toContain('leftovers');
    expect(report.restarted).toBe(false);
  });

  it('two triggers at once (idle and lock-screen) run one after the other, never interleaved', async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const wipe = serializeWipes(async (reason) => {
      order.push(`start ${reason}`);
      if (reason === 'idle') await gate;
      order.push(`end ${reason}`);
      return { reason, steps: [], leftovers: [], restarted: false };
    });
    const a = wipe('idle');
    const b = wipe('lock-screen');
    await Promise.resolve();
    release();
    await Promise.all([a, b]);
    expect(order).toEqual(['start idle', 'end idle', 'start lock-screen', 'end lock-screen']);
  });
});

/** Lets the microtasks of the wipe run (no timers involved). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** A wipe whose logout and browser steps each wait until the test releases (or fails) them. */
function gatedWipe() {
  const started: string[] = [];
  const restarts: string[] = [];
  const gates = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  const gated = (name: string) => () => {
    started.push(name);
    return new Promise<void>((resolve, reject) => gates.set(name, { resolve, reject }));
  };
  const gate = (name: string) => {
    const g = gates.get(name);
    if (!g) throw new Error(`${name} has not started`);
    return g;
  };
  const logout = gated('logout');
  const client = {
    call: async () => {
      await logout();
      return { ok: true, data: undefined };
    },
  } as unknown as ServiceClient;
  const wiper: SessionWiper = {
    prepareNext: gated('prepareNext'),
    replaceContents: gated('replaceContents'),
    closePage: gated('closePage'),
    clearClipboard: gated('clearClipboard'),
    clearStorageData: gated('clearStorageData'),
    clearHttpCache: gated('clearHttpCache'),
    clearAuthCache: gated('clearAuthCache'),
    leftovers: async () => (started.push('leftovers'), []),
    dropPartition: gated('dropPartition'),
    restartApp: (reason) => void restarts.push(reason),
  };
  const session = createVisitorSession();
  session.signedIn({ kind: 'bearer', token: 'tok_gated' });
  return {
    started,
    restarts,
    deps: { session, client: () => client, wiper, partitions: rotationWithVisitor(), log: recordingLogger().logger },
    release: (name: string) => gate(name).resolve(),
    fail: (name: string) => gate(name).reject(new Error(`${name} broke`)),
  };
}
