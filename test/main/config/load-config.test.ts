import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src-main/core/config/config-error.js';
import { loadKioskConfig } from '../../../src-main/core/config/load-config.js';
import { defaultPolicyPath } from '../../../src-main/core/config/policy-file.js';
import { MemorySettingsStore } from '../../../src-main/core/ports.js';
import { hashAdminPin } from '../../../src-main/core/admin/admin-pin.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-policy-'));
let n = 0;
function policy(content: unknown): string {
  const file = path.join(dir, `policy-${++n}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
const none = path.join(dir, 'absent.json');

describe('kiosk configuration and the machine-wide policy', () => {
  it('R-KIOSK-4: defaults to a 120 s idle timeout with a 30 s warning, Japanese, the on-screen keyboard on "auto", no service URL', async () => {
    const { config, fromPolicy } = await loadKioskConfig({ store: new MemorySettingsStore(), policyPath: none });
    expect(config).toEqual({
      idleTimeoutSeconds: 120,
      idleWarningSeconds: 30,
      locale: 'ja',
      restartAfterVisitors: 200,
      restartAtHour: 4,
      onScreenKeyboard: 'auto',
    });
    expect(fromPolicy.size).toBe(0);
  });

  it('the user-level store overrides the defaults', async () => {
    const store = new MemorySettingsStore({
      serviceUrl: 'https://mypage.example.jp',
      idleTimeoutSeconds: 300,
      locale: 'en',
    });
    const { config } = await loadKioskConfig({ store, policyPath: none });
    expect(config).toMatchObject({
      serviceUrl: 'https://mypage.example.jp',
      idleTimeoutSeconds: 300,
      idleWarningSeconds: 30,
      locale: 'en',
    });
  });

  it('R-KIOSK-5: the policy file set by IT overrides the store, and says which keys it fixed', async () => {
    const store = new MemorySettingsStore({
      serviceUrl: 'https://visitor-changed.example.com',
      idleTimeoutSeconds: 3000,
      office: '新宿',
    });
    const pinHash = hashAdminPin('246810');
    const file = policy({
      serviceUrl: 'https://mypage.example.jp',
      idleTimeoutSeconds: 90,
      idleWarningSeconds: 20,
      adminPinHash: pinHash,
    });
    const { config, fromPolicy } = await loadKioskConfig({ store, policyPath: file });
    expect(config).toEqual({
      serviceUrl: 'https://mypage.example.jp',
      office: '新宿',
      idleTimeoutSeconds: 90,
      idleWarningSeconds: 20,
      locale: 'ja',
      restartAfterVisitors: 200,
      restartAtHour: 4,
      onScreenKeyboard: 'auto',
      adminPinHash: pinHash,
    });
    expect([...fromPolicy].sort()).toEqual(['adminPinHash', 'idleTimeoutSeconds', 'idleWarningSeconds', 'serviceUrl']);
  });

  const broken: [string, () => string, RegExp][] = [
    ['not JSON', () => policy('{ "serviceUrl": '), /policy-\d+\.json is not valid JSON/],
    [
      'an unknown key (a typo must not be ignored)',
      () => policy({ idleTimeoutSecs: 60 }),
      /policy-\d+\.json is invalid: \(root\): Unrecognized key/,
    ],
    ['a wrong type', () => policy({ idleTimeoutSeconds: '60' }), /idleTimeoutSeconds: /],
    ['an idle timeout below 30 s', () => policy({ idleTimeoutSeconds: 5 }), /idleTimeoutSeconds/],
    [
      'plain http to another machine',
      () => policy({ serviceUrl: 'http://mypage.example.jp' }),
      /serviceUrl: must be https/,
    ],
    ['a javascript: URL', () => policy({ serviceUrl: 'javascript:alert(1)' }), /serviceUrl/],
    [
      'an on-screen keyboard policy that is not auto, always or never',
      () => policy({ onScreenKeyboard: 'on' }),
      /onScreenKeyboard: /,
    ],
    ['an admin PIN in clear', () => policy({ adminPinHash: '1234' }), /adminPinHash: must be a hash/],
    [
      'R-KIOSK-4: a warning shorter than 20 s (WCAG 2.2.1)',
      () => policy({ idleWarningSeconds: 19 }),
      /idleWarningSeconds: Too small/,
    ],
    [
      'a warning not shorter than the timeout',
      () => policy({ idleTimeoutSeconds: 60, idleWarningSeconds: 60 }),
      /idleWarningSeconds must be shorter/,
    ],
    [
      'an unreadable path (a directory)',
      () => {
        const d = path.join(dir, `dir-${++n}`);
        mkdirSync(d);
        return d;
      },
      /cannot be read \(EISDIR\)/,
    ],
  ];
  it.each(broken)('a policy file with %s stops start-up with a clear message', async (_name, make, message) => {
    const attempt = loadKioskConfig({ store: new MemorySettingsStore(), policyPath: make() });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('a broken user-level store also stops start-up', async () => {
    const attempt = loadKioskConfig({ store: new MemorySettingsStore({ locale: 'fr' }), policyPath: none });
    await expect(attempt).rejects.toThrow(/the kiosk settings are invalid: locale/);
  });

  it('the policy lives where a visitor account cannot write it, per platform', () => {
    expect(defaultPolicyPath('linux', {})).toBe('/etc/hellowork-kiosk/policy.json');
    expect(defaultPolicyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\hellowork-kiosk\\policy.json',
    );
    expect(defaultPolicyPath('win32', {})).toBe('C:\\ProgramData\\hellowork-kiosk\\policy.json');
  });
});
