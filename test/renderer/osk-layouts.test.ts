import { describe, expect, it } from 'vitest';
import {
  layoutFor,
  oskDisplay,
  oskLayouts,
  pressKey,
  type FieldFacts,
} from '../../src-renderer/kiosk/osk/osk-layouts.js';
import { checkPasswordPolicy } from '../../src-shared/password-policy.js';
import { textSizePercent } from '../../src-renderer/kiosk/display/display-settings.svelte.js';

const field = (over: Partial<FieldFacts>): FieldFacts => ({
  tagName: 'INPUT',
  type: 'text',
  autocomplete: '',
  inputMode: '',
  readOnly: false,
  disabled: false,
  ...over,
});
const keys = (layout: keyof typeof oskLayouts) =>
  Object.values(oskLayouts[layout])
    .flatMap((rows) => rows.flatMap((r) => r.split(' ')))
    .filter((k) => !k.startsWith('{') || k.length === 1);

describe('the on-screen keyboard: which layout a field gets (issue 13)', () => {
  it.each([
    ['the login ID', field({ type: 'email', autocomplete: 'username', inputMode: 'email' }), 'id'],
    ['a new e-mail address', field({ type: 'email', autocomplete: 'email' }), 'id'],
    ['the password', field({ type: 'password', autocomplete: 'current-password' }), 'password'],
    [
      'the password shown with 表示する (type=text)',
      field({ type: 'text', autocomplete: 'current-password' }),
      'password',
    ],
    ['a new password', field({ type: 'password', autocomplete: 'new-password' }), 'password'],
    ['the OTP', field({ type: 'text', autocomplete: 'one-time-code', inputMode: 'numeric' }), 'otp'],
    ["端末登録's URL", field({ type: 'url', autocomplete: 'off' }), 'password'],
    ['a checkbox', field({ type: 'checkbox' }), null],
    ['a read-only URL (set by the policy)', field({ type: 'url', readOnly: true }), null],
    ['a button', field({ tagName: 'BUTTON', type: 'submit' }), null],
  ] as const)('%s → %s', (_name, facts, layout) => {
    expect(layoutFor(facts)).toBe(layout);
  });

  it('R-PW-4: the password layout types every half-width letter, digit and symbol, and nothing else', () => {
    const typed = keys('password').join('');
    for (let c = 0x21; c <= 0x7e; c++) expect(typed).toContain(String.fromCharCode(c));
    expect(checkPasswordPolicy(typed.slice(0, 30))).not.toContain('not_half_width');
    expect(/^[\x21-\x7e]*$/.test(typed)).toBe(true);
  });

  it('the ID layout has the address characters and the domain keys; the OTP pad only digits', () => {
    for (const k of ['@', '.', '-', '_', '+', '.co.jp', '.jp', '.com', 'a', 'Z', '0']) expect(keys('id')).toContain(k);
    expect(keys('otp').sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it("labels: the action keys in the catalog's words; markup characters as entities", () => {
    const words = {
      bksp: '削除',
      close: '閉じる',
      next: '次へ',
      shiftOn: '大文字',
      shiftOff: '小文字',
      symbols: '記号',
      abc: '英数',
    };
    expect(oskDisplay(words, 'default')).toMatchObject({
      '{bksp}': '削除',
      '{close}': '閉じる',
      '{next}': '次へ',
      '{shift}': '大文字',
      '<': '&lt;',
      '&': '&amp;',
    });
    expect(oskDisplay(words, 'shift')['{shift}']).toBe('小文字');
  });
});

describe('the on-screen keyboard: what a key does (issue 13)', () => {
  const at = (value: string, start = value.length, end = start, maxLength = -1) => ({ value, start, end, maxLength });
  it('text goes at the caret or replaces the selection; a domain key types its whole text', () => {
    expect(pressKey('b', at('ac', 1), 'default')).toEqual({ kind: 'edit', value: 'abc', caret: 2 });
    expect(pressKey('x', at('abcd', 1, 3), 'default')).toEqual({ kind: 'edit', value: 'axd', caret: 2 });
    expect(pressKey('.co.jp', at('taro@example'), 'default')).toEqual({
      kind: 'edit',
      value: 'taro@example.co.jp',
      caret: 18,
    });
  });
  it("never past the field's maxlength", () => {
    expect(pressKey('7', at('123456', 6, 6, 6), 'default')).toEqual({ kind: 'none' });
    expect(pressKey('.com', at('ab', 2, 2, 4), 'default')).toEqual({ kind: 'edit', value: 'ab.c', caret: 4 });
  });
  it('削除 removes the selection or the character before the caret', () => {
    expect(pressKey('{bksp}', at('abc'), 'default')).toEqual({ kind: 'edit', value: 'ab', caret: 2 });
    expect(pressKey('{bksp}', at('abcd', 1, 3), 'default')).toEqual({ kind: 'edit', value: 'ad', caret: 1 });
    expect(pressKey('{bksp}', at('abc', 0), 'default')).toEqual({ kind: 'none' });
  });
  it('大文字/小文字, 記号/英数 switch the page; 閉じる closes', () => {
    expect(pressKey('{shift}', at(''), 'default')).toEqual({ kind: 'page', page: 'shift' });
    expect(pressKey('{shift}', at(''), 'shift')).toEqual({ kind: 'page', page: 'default' });
    expect(pressKey('{symbols}', at(''), 'default')).toEqual({ kind: 'page', page: 'symbols' });
    expect(pressKey('{abc}', at(''), 'symbols')).toEqual({ kind: 'page', page: 'default' });
    expect(pressKey('{close}', at('x'), 'default')).toEqual({ kind: 'close' });
    expect(pressKey('{', at(''), 'symbols')).toEqual({ kind: 'edit', value: '{', caret: 1 }); // the symbol itself
  });
  it('issue 21: 次へ ends the last row of every page of every layout, where Enter sits; it asks for the next field', () => {
    for (const pages of Object.values(oskLayouts))
      for (const rows of Object.values(pages)) expect(rows.at(-1)?.split(' ').at(-1)).toBe('{next}');
    expect(pressKey('{next}', at('taro@example.jp'), 'default')).toEqual({ kind: 'next' });
  });
  it('文字サイズ 特大 is 200 % (WCAG 1.4.4)', () => {
    expect(textSizePercent).toEqual({ standard: 100, large: 150, xlarge: 200 });
  });
});
