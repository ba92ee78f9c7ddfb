import { describe, expect, it } from 'vitest';
import { createServiceClient, type ServiceClient } from '../../../src-main/core/service/service-client.js';
import { serializeWipes, wipeVisitor, type SessionWiper } from '../../../src-main/core/wipe/session-wiper.js';
import { createVisitorSession } from '../../../src-main/core/wipe/visitor-session.js';
import { recordingLogger, recordingWiper } from '../fakes/fake-ports.js';
import { startFakeKioskService } from '../fakes/fake-kiosk-service.js';

describe('wipe procedure (R-KIOSK-4, R-OTP-6)', () => {
  it('R-KIOSK-4: logs out at the service, drops the token, clears storage, HTTP cache, auth cache, then replaces the page and verifies', async () => {
    const service = await startFakeKioskService();
    try {
      const session = createVisitorSession();
      service.tokens.add('tok_visitor');
      session.signedIn({ kind: 'bearer', token: 'tok_visitor' });
      const { wiper, calls } = recordingWiper();
      const report = await wipeVisitor('idle', { session, client: () => createServiceClient(service.url), wiper, log: recordingLogger().logger });
      expect(report.steps).toEqual(['logout', 'drop-token', 'clear-storage', 'clear-http-cache', 'clear-auth-cache', 'replace-contents', 'verify']);
      expect(calls).toEqual(['clearStorageData', 'clearHttpCache', 'clearAuthCache', 'replaceContents', 'leftovers']);
      expect(service.requests.find((r) => r.path === '/api/v1/logout')?.auth).toBe('Bearer tok_visitor');
      expect(service.tokens.has('tok_visitor')).toBe(false); // ended at the service, not only here
      expect(session.credential).toBeUndefined();
      expect(report.restarted).toBe(false);
    } finally {
      await service.close();
    }
  });

  it('R-KIOSK-4: the new page gets what main knows (enrolled, language), nothing of the visitor', async () => {
    const session = createVisitorSession();
    session.signedIn({ kind: 'bearer', token: 'tok_hint' });
    const seen: unknown[] = [];
    const { wiper } = recordingWiper();
    const report = await wipeVisitor('idle', {
      session,
      client: () => undefined,
      wiper: { ...wiper, replaceContents: async (start) => void seen.push(start) },
      log: recordingLogger().logger,
      start: () => ({ enrolled: true, locale: 'ja' }),
    });
    expect(seen).toEqual([{ enrolled: true, locale: 'ja' }]);
    expect(report.restarted).toBe(false);
  });

  it('R-KIOSK-4: the token is dropped and the page wiped even when the service cannot be reached', async () => {
    const session = createVisitorSession();
    session.signedIn({ kind: 'bearer', token: 'tok_offline' });
    const { wiper, calls } = recordingWiper();
    const report = await wipeVisitor('idle', { session, client: () => createServiceClient('http://127.0.0.1:9'), wiper, log: recordingLogger().logger });
    expect(report.steps[0]).toBe('logout (failed)');
    expect(session.credential).toBeUndefined();
    expect(calls).toContain('replaceContents');
    expect(report.restarted).toBe(false);
  });

  it('R-KIOSK-4: when traces remain after the wipe, the app restarts', async () => {
    const { wiper, calls } = recordingWiper({ leftover: ['cookie session'] });
    const report = await wipeVisitor('logout', { session: createVisitorSession(), client: () => undefined, wiper, log: recordingLogger().logger });
    expect(report.restarted).toBe(true);
    expect(calls.at(-1)).toMatch(/^restartApp: wipe \(logout\) left: cookie session/);
  });

  it('R-KIOSK-4: a clear step that throws also restarts the app (never a half-wiped kiosk)', async () => {
    const { wiper, calls } = recordingWiper({ failStep: 'clearStorageData' });
    const report = await wipeVisitor('suspend', { session: createVisitorSession(), client: () => undefined, wiper, log: recordingLogger().logger });
    expect(report.steps).toContain('clear-storage (failed)');
    expect(calls).toContain('replaceContents');
    expect(report.restarted).toBe(true);
  });

  it('R-KIOSK-4: the logout and the three clears start together; the page is replaced only after every clear settled, the check only after the logout', async () => {
    const g = gatedWipe();
    const wiping = wipeVisitor('idle', g.deps);
    await settle();
    // All four started at once: the logout is still waiting for the service.
    expect(g.started).toEqual(['logout', 'clearStorageData', 'clearHttpCache', 'clearAuthCache']);
    expect(g.deps.session.credential).toBeUndefined(); // held for the logout call only

    g.release('clearHttpCache');
    g.release('clearAuthCache');
    await settle();
    expect(g.started).not.toContain('replaceContents'); // storage is not gone yet

    g.release('clearStorageData');
    await settle();
    // Every clear settled: the fresh page is loaded while the logout is still in flight.
    expect(g.started).toContain('replaceContents');
    g.release('replaceContents');
    await settle();
    expect(g.started).not.toContain('leftovers');

    g.release('logout');
    const report = await wiping;
    expect(g.started.at(-1)).toBe('leftovers');
    expect(report.steps).toEqual(['logout', 'drop-token', 'clear-storage', 'clear-http-cache', 'clear-auth-cache', 'replace-contents', 'verify']);
    expect(report.restarted).toBe(false);
  });

  it('R-KIOSK-4: a logout that fails does not stop the clears, the new page or the check, and does not restart the app', async () => {
    const g = gatedWipe();
    const wiping = wipeVisitor('idle', g.deps);
    await settle();
    g.fail('logout'); // the service answered with an error before any clear finished
    await settle();
    for (const name of ['clearStorageData', 'clearHttpCache', 'clearAuthCache'] as const) g.release(name);
    await settle();
    g.release('replaceContents');
    const report = await wiping;
    expect(report.steps).toEqual(['logout (failed)', 'drop-token', 'clear-storage', 'clear-http-cache', 'clear-auth-cache', 'replace-contents', 'verify']);
    expect(g.started).toEqual(['logout', 'clearStorageData', 'clearHttpCache', 'clearAuthCache', 'replaceContents', 'leftovers']);
    expect(report.restarted).toBe(false);
  });

  it('R-KIOSK-4: a clear that fails still waits for the other clears before the page is replaced, and restarts the app', async () => {
    const g = gatedWipe();
    const wiping = wipeVisitor('lock-screen', g.deps);
    await settle();
    g.fail('clearHttpCache');
    await settle();
    expect(g.started).not.toContain('replaceContents');
    g.release('clearStorageData');
    await settle();
    expect(g.started).not.toContain('replaceContents'); // the auth cache is still being cleared
    g.release('clearAuthCache');
    g.release('logout');
    await settle();
    g.release('replaceContents');
    const report = await wiping;
    expect(report.steps).toEqual(['logout', 'drop-token', 'clear-storage', 'clear-http-cache (failed)', 'clear-auth-cache', 'replace-contents', 'verify']);
    expect(report.restarted).toBe(true);
    expect(g.restarts).toHaveLength(1);
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

/**
 * A wipe whose logout and browser steps each wait until the test releases (or fails) them, and
 * which records the order they started in.
 */
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
    clearStorageData: gated('clearStorageData'),
    clearHttpCache: gated('clearHttpCache'),
    clearAuthCache: gated('clearAuthCache'),
    replaceContents: gated('replaceContents'),
    leftovers: async () => (started.push('leftovers'), []),
    restartApp: (reason) => void restarts.push(reason),
  };
  const session = createVisitorSession();
  session.signedIn({ kind: 'bearer', token: 'tok_gated' });
  return {
    started,
    restarts,
    deps: { session, client: () => client, wiper, log: recordingLogger().logger },
    release: (name: string) => gate(name).resolve(),
    fail: (name: string) => gate(name).reject(new Error(`${name} broke`)),
  };
}
