import { describe, expect, it } from 'vitest';
import { errorText } from '../../src-shared/api/errors.js';
import type { KioskApi } from '../../src-shared/kiosk-bridge.js';
import { KioskShellModel } from '../../src-renderer/kiosk/kiosk-shell.svelte.js';
import { kioskText } from '../../src-renderer/kiosk/kiosk-text.js';

const api = {} as unknown as KioskApi;

describe('R-FLEET-1 the kiosk page when the service refuses its build', () => {
  it('R-FLEET-1: 「この端末は更新が必要です」 stands in place of the login until a heartbeat is accepted again', () => {
    const shell = new KioskShellModel(api, { enrolled: true, locale: 'ja' });
    expect(shell.updateRequired).toBe(false);
    shell.onEvent({ type: 'update-required' });
    expect(shell.updateRequired).toBe(true);
    expect(shell.t.updateBody).toBe('この端末は更新が必要です。係員にお知らせください。');
    // going offline and back does not bring the login back: only an accepted heartbeat does
    shell.onEvent({ type: 'service-offline' });
    shell.onEvent({ type: 'service-online' });
    expect(shell.updateRequired).toBe(true);
    shell.onEvent({ type: 'update-cleared' });
    expect(shell.updateRequired).toBe(false);
  });

  it('says it in English too, and the login screen words the service’s code the same way', () => {
    expect(kioskText.en.updateBody).toBe('This terminal needs an update. Please tell the staff.');
    expect(errorText.kiosk_update_required).toEqual({
      ja: kioskText.ja.updateBody,
      en: kioskText.en.updateBody,
    });
  });
});
