import { describe, expect, it } from 'vitest';
import { hashAdminPin } from '../../../src-main/core/admin/admin-pin.js';
import { buildTestCore } from '../fakes/core-harness.js';

describe('the hidden admin exit through the bridge', () => {
  it('a wrong PIN is refused and the kiosk stays; the right PIN wipes the visitor and quits', async () => {
    const built = await buildTestCore({
      serviceUrl: 'http://127.0.0.1:9',
      settings: { adminPinHash: hashAdminPin('246810') },
    });
    expect(await built.core.dispatch('adminExit', { pin: '000000' })).toMatchObject({
      ok: false,
      error: { error: 'invalid_credentials', reason: 'admin_pin_invalid' },
    }); // worded by the renderer (test/renderer/answer-codes.test.ts)
    expect(built.quits()).toBe(0);
    expect(built.wiper.calls).toEqual([]);
    expect(await built.core.dispatch('adminExit', { pin: '246810' })).toEqual({ ok: true, data: undefined });
    expect(built.quits()).toBe(1);
    expect(built.wiper.calls.some((c) => c.startsWith('replaceContents'))).toBe(true); // nothing of a visitor is left for the next start
    expect(built.log.text()).not.toContain('246810');
  });

  it('without a configured PIN hash the exit never opens', async () => {
    const built = await buildTestCore({ serviceUrl: 'http://127.0.0.1:9' });
    expect(await built.core.dispatch('adminExit', { pin: '246810' })).toMatchObject({ ok: false });
    expect(built.quits()).toBe(0);
  });
});
