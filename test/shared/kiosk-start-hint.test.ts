import { describe, expect, it } from 'vitest';
import { kioskLocales, kioskStartFragment, parseStartHint } from '../../src-shared/kiosk-start-hint.js';

describe('the kiosk start hint: one encoder and its decoder (src-shared/kiosk-start-hint.ts)', () => {
  it('R-KIOSK-4: every hint main can write is read back as it was, and no fragment carries more', () => {
    for (const enrolled of [true, false]) {
      for (const locale of kioskLocales) {
        const fragment = kioskStartFragment({ enrolled, locale });
        expect(fragment).toMatch(/^#(login|enroll)\.[a-z]{2}$/); // nothing of a visitor fits in it
        expect(parseStartHint(fragment)).toEqual({ enrolled, locale });
      }
    }
    expect(parseStartHint(kioskStartFragment(undefined))).toBeNull();
  });
});
