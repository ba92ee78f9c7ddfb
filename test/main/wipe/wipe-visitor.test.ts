import { describe, expect, it } from 'vitest';
import { createServiceClient } from '../../../src-main/core/service/service-client.js';
import { serializeWipes, wipeVisitor } from '../../../src-main/core/wipe/session-wiper.js';
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
