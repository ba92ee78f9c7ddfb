import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKioskConfig } from '../../../src-main/core/config/load-config.js';
import { showOnScreenKeyboard } from '../../../src-main/core/input/on-screen-keyboard.js';
import { MemorySettingsStore } from '../../../src-main/core/ports.js';
import { buildTestCore } from '../fakes/core-harness.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-osk-'));
let n = 0;
function policy(content: unknown): string {
  const file = path.join(dir, `policy-${++n}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('the on-screen keyboard policy (issue 13)', () => {
  it.each([
    ['auto', true, true],
    ['auto', false, false],
    ['always', false, true],
    ['always', true, true],
    ['never', true, false],
    ['never', false, false],
  ] as const)('policy %s with a touch screen %s: shown = %s', (p, touch, shown) => {
    expect(showOnScreenKeyboard(p, touch)).toBe(shown);
  });

  it('IT\'s policy file sets it (and fixes it), otherwise "auto"', async () => {
    const store = new MemorySettingsStore({ onScreenKeyboard: 'never' });
    const fromFile = await loadKioskConfig({ store, policyPath: policy({ onScreenKeyboard: 'always' }) });
    expect(fromFile.config.onScreenKeyboard).toBe('always');
    expect(fromFile.fromPolicy.has('onScreenKeyboard')).toBe(true);
    const fromStore = await loadKioskConfig({ store, policyPath: path.join(dir, 'absent.json') });
    expect(fromStore.config.onScreenKeyboard).toBe('never');
    const none = await loadKioskConfig({ store: new MemorySettingsStore(), policyPath: path.join(dir, 'absent.json') });
    expect(none.config.onScreenKeyboard).toBe('auto');
  });

  it("the kiosk status carries main's decision, asked of the touch screen at each call", async () => {
    const { core } = await buildTestCore({ serviceUrl: 'http://127.0.0.1:9' });
    const status = await core.dispatch('status', undefined);
    expect(status).toMatchObject({ ok: true, data: { onScreenKeyboard: false } }); // no touch screen reported: "auto" hides it
    core.stop();

    let touch = false;
    const withTouch = await buildTestCore({ serviceUrl: 'http://127.0.0.1:9', touchScreen: () => touch });
    expect(await withTouch.core.dispatch('status', undefined)).toMatchObject({ data: { onScreenKeyboard: false } });
    touch = true; // a touch screen plugged in
    expect(await withTouch.core.dispatch('status', undefined)).toMatchObject({ data: { onScreenKeyboard: true } });
    withTouch.core.stop();

    const never = await buildTestCore({
      serviceUrl: 'http://127.0.0.1:9',
      touchScreen: () => true,
      settings: { onScreenKeyboard: 'never' },
    });
    expect(await never.core.dispatch('status', undefined)).toMatchObject({ data: { onScreenKeyboard: false } });
    never.core.stop();
  });
});
