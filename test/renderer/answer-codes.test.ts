// Main and the service answer with codes; the renderer words each one in Japanese and English:
// the shared screens through I18n.error, the kiosk's own screens (端末登録, the admin exit)
// through kioskErrorText. Every code either can answer has words in both catalogs here.
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src-shared/api/errors.js';
import type { HostError } from '../../src-shared/host.js';
import { kioskRefusals } from '../../src-shared/kiosk-refusals.js';
import { kioskErrorText } from '../../src-renderer/kiosk/kiosk-text.js';
import { I18n } from '../../src-renderer/lib/i18n/i18n.svelte.js';

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const answers: HostError[] = [
  ...errorCodes.map((error) => ({ error, message: '' })),
  { error: 'network_error', message: '' },
  ...kioskRefusals.map((reason) => ({ error: 'invalid_request' as const, message: '', reason })),
];

async function i18nIn(lang: 'ja' | 'en'): Promise<I18n> {
  const i18n = new I18n();
  await i18n.set(lang);
  return i18n;
}

describe('every code has its words (ja, en)', () => {
  it('the shared screens word every code of the service and main (message empty: codes only)', async () => {
    const [ja, en] = [await i18nIn('ja'), await i18nIn('en')];
    for (const e of answers.filter((a) => !a.reason)) {
      expect(ja.error(e), e.error).toMatch(JAPANESE);
      expect(en.error(e), e.error).not.toMatch(JAPANESE);
      expect(en.error(e).length, e.error).toBeGreaterThan(10);
    }
  });

  it("the kiosk screens word every code, main's own refusals included, in the language shown", () => {
    for (const e of answers) {
      const label = e.reason ?? e.error;
      expect(kioskErrorText(e, 'ja'), label).toMatch(JAPANESE);
      expect(kioskErrorText(e, 'en'), label).not.toMatch(JAPANESE);
      expect(kioskErrorText(e, 'en').length, label).toBeGreaterThan(10);
    }
  });

  it("main's refusals read as before in Japanese, and in English when English is shown", () => {
    expect(kioskErrorText({ error: 'invalid_credentials', message: '', reason: 'admin_pin_invalid' }, 'ja')).toBe(
      'PINが正しくありません。',
    );
    expect(kioskErrorText({ error: 'invalid_credentials', message: '', reason: 'admin_pin_invalid' }, 'en')).toBe(
      'The PIN is incorrect.',
    );
    expect(kioskErrorText({ error: 'locked', message: '', reason: 'admin_pin_locked' }, 'ja')).toBe(
      'しばらく時間を空けてください。',
    );
    expect(kioskErrorText({ error: 'invalid_request', message: '', reason: 'already_enrolled' }, 'ja')).toBe(
      'この端末は登録済みです。',
    );
    expect(kioskErrorText({ error: 'invalid_request', message: '', reason: 'service_url_not_https' }, 'ja')).toBe(
      'サービスのURLは https:// で始まる必要があります。',
    );
    expect(kioskErrorText({ error: 'invalid_request', message: '', reason: 'service_url_from_policy' }, 'ja')).toBe(
      'サービスのURLは管理者のポリシーで決められています。',
    );
    // the service's own codes on 端末登録, and an unreachable service (was NETWORK_ERROR_TEXT)
    expect(kioskErrorText({ error: 'enrollment_code_invalid', message: '' }, 'en')).toBe(
      'The enrollment code is incorrect or has expired.',
    );
    expect(kioskErrorText({ error: 'network_error', message: '' }, 'ja')).toBe(
      'サービスに接続できません。しばらく経ってから、もう一度お試しください。',
    );
  });
});
