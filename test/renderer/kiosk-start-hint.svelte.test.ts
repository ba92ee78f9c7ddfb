import { describe, expect, it } from 'vitest';
import type { KioskApi, KioskStatus } from '../../src-shared/kiosk-bridge.js';
import { KioskShellModel } from '../../src-renderer/kiosk/kiosk-shell.svelte.js';
import { kioskStartFragment, parseStartHint } from '../../src-shared/kiosk-start-hint.js';

const status = (over: Partial<KioskStatus> = {}): KioskStatus => ({
  enrolled: true,
  serviceUrlFromPolicy: false,
  keyProtection: 'os',
  keyBackend: 'test',
  locale: 'ja',
  idleTimeoutSeconds: 180,
  idleWarningSeconds: 30,
  onScreenKeyboard: false,
  ...over,
});

function api(answer: KioskStatus): { api: KioskApi; release: () => void } {
  let release = () => undefined as void;
  const gate = new Promise<void>((r) => (release = r));
  const a = { status: async () => (await gate, { ok: true as const, data: answer }) } as unknown as KioskApi;
  return { api: a, release: () => release() };
}

describe('the kiosk start hint (main → a fresh page, in the URL fragment)', () => {
  it('reads what main writes, and nothing else', () => {
    for (const hint of [
      { enrolled: true, locale: 'ja' as const },
      { enrolled: false, locale: 'en' as const },
    ]) {
      expect(parseStartHint(kioskStartFragment(hint))).toEqual(hint);
    }
    expect(kioskStartFragment(undefined)).toBe('');
    for (const bad of ['', '#', '#login', '#login.fr', '#home.ja', '#login.ja&x', '#/login'])
      expect(parseStartHint(bad)).toBeNull();
  });

  it('R-KIOSK-1: with "enrolled", the login is drawn before the status call answers; the answer still decides', async () => {
    const a = api(status({ enrolled: false }));
    const shell = new KioskShellModel(a.api, { enrolled: true, locale: 'ja' });
    expect(shell.phase).toBe('app');
    const loading = shell.load();
    a.release();
    await loading;
    expect(shell.phase).toBe('enroll'); // the hint was stale: 端末登録 after all
  });

  it('without a hint (or with "not enrolled") the shell waits for the status, as before', async () => {
    for (const hint of [null, { enrolled: false, locale: 'en' as const }]) {
      const a = api(status({ locale: 'en' }));
      const shell = new KioskShellModel(a.api, hint);
      expect(shell.phase).toBe('loading');
      const loading = shell.load();
      a.release();
      await loading;
      expect(shell.phase).toBe('app');
      expect(shell.startLang).toBe('en');
    }
  });
});
