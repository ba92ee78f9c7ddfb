/**
 * The kiosk's on-screen keyboard (issue 13), as plain data and functions: which layout a field
 * gets, the keys of each layout (half-width only, so a Japanese IME never gets in the way), and
 * what a key does to a field's value. OnScreenKeyboard.svelte feeds them to simple-keyboard.
 */
export type OskLayout = 'id' | 'password' | 'otp';
/** simple-keyboard's names for the pages of a layout. */
export type OskPage = 'default' | 'shift' | 'symbols';

/** What the keyboard needs to know of a field (an HTMLInputElement has all of it). */
export type FieldFacts = {
  tagName: string;
  type: string;
  autocomplete: string;
  inputMode: string;
  readOnly: boolean;
  disabled: boolean;
};

const TEXT_TYPES = new Set(['text', 'email', 'password', 'url', 'tel', 'search', 'number']);

/**
 * The layout for a field, or null when the keyboard stays closed (not a text field, read-only).
 * By purpose first (autocomplete, inputmode), so a password shown with 表示 keeps its layout.
 */
export function layoutFor(field: FieldFacts): OskLayout | null {
  if (field.tagName !== 'INPUT' || !TEXT_TYPES.has(field.type) || field.readOnly || field.disabled) return null;
  const purpose = field.autocomplete.split(/\s+/);
  if (purpose.includes('one-time-code') || field.inputMode === 'numeric') return 'otp';
  if (purpose.includes('current-password') || purpose.includes('new-password') || field.type === 'password')
    return 'password';
  if (
    purpose.includes('username') ||
    purpose.includes('email') ||
    field.type === 'email' ||
    field.inputMode === 'email'
  )
    return 'id';
  // Any other text (端末登録's URL and code): every half-width character, unmasked.
  return 'password';
}

const LETTERS = ['q w e r t y u i o p', 'a s d f g h j k l'];
const upper = (row: string) => row.toUpperCase();

/**
 * Key names in braces are actions; `.co.jp` and the like type their text. 次へ (`{next}`, issue 21)
 * ends the last row of each page, where Enter sits on a keyboard.
 */
export const oskLayouts: Record<OskLayout, Partial<Record<OskPage, string[]>>> = {
  id: {
    default: [
      '1 2 3 4 5 6 7 8 9 0 {bksp}',
      `${LETTERS[0]} @`,
      `${LETTERS[1]} . -`,
      '{shift} z x c v b n m _ +',
      '.co.jp .jp .com {close} {next}',
    ],
    shift: [
      '1 2 3 4 5 6 7 8 9 0 {bksp}',
      `${upper(LETTERS[0]!)} @`,
      `${upper(LETTERS[1]!)} . -`,
      '{shift} Z X C V B N M _ +',
      '.co.jp .jp .com {close} {next}',
    ],
  },
  password: {
    default: [
      '1 2 3 4 5 6 7 8 9 0 {bksp}',
      LETTERS[0]!,
      LETTERS[1]!,
      '{shift} z x c v b n m {symbols}',
      '{close} {next}',
    ],
    shift: [
      '1 2 3 4 5 6 7 8 9 0 {bksp}',
      upper(LETTERS[0]!),
      upper(LETTERS[1]!),
      '{shift} Z X C V B N M {symbols}',
      '{close} {next}',
    ],
    // R-PW-4's symbols: every half-width one (0x21-0x2f, 0x3a-0x40, 0x5b-0x60, 0x7b-0x7e).
    symbols: ['! " # $ % & \' ( ) * {bksp}', '+ , - . / : ; < = >', '? @ [ \\ ] ^ _ ` { | } ~', '{abc} {close} {next}'],
  },
  otp: {
    default: ['1 2 3', '4 5 6', '7 8 9', '{close} 0 {bksp}', '{next}'],
  },
};

/** The labels of the action keys (the kiosk's catalog gives the words). */
export type OskWords = {
  bksp: string;
  close: string;
  next: string;
  shiftOn: string;
  shiftOff: string;
  symbols: string;
  abc: string;
};

/**
 * simple-keyboard's `display` map: the action keys' words, and the characters that innerHTML
 * would read as markup written as entities.
 */
export function oskDisplay(words: OskWords, page: OskPage): Record<string, string> {
  return {
    '{bksp}': words.bksp,
    '{close}': words.close,
    '{next}': words.next,
    '{shift}': page === 'shift' ? words.shiftOff : words.shiftOn,
    '{symbols}': words.symbols,
    '{abc}': words.abc,
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
  };
}

export type FieldState = { value: string; start: number; end: number; maxLength: number };
export type KeyOutcome =
  | { kind: 'edit'; value: string; caret: number }
  | { kind: 'page'; page: OskPage }
  | { kind: 'close' }
  /** 次へ: the next field of the form, or, from the last, the form is sent. */
  | { kind: 'next' }
  | { kind: 'none' };

/**
 * What pressing `key` does. Text replaces the selection (or goes at the caret), never past the
 * field's maxlength; 削除 removes the selection or the character before the caret.
 */
export function pressKey(key: string, field: FieldState, page: OskPage): KeyOutcome {
  const { value, start, end } = field;
  switch (key) {
    case '{close}':
      return { kind: 'close' };
    case '{next}':
      return { kind: 'next' };
    case '{shift}':
      return { kind: 'page', page: page === 'shift' ? 'default' : 'shift' };
    case '{symbols}':
      return { kind: 'page', page: 'symbols' };
    case '{abc}':
      return { kind: 'page', page: 'default' };
    case '{bksp}': {
      if (start !== end) return { kind: 'edit', value: value.slice(0, start) + value.slice(end), caret: start };
      if (start === 0) return { kind: 'none' };
      return { kind: 'edit', value: value.slice(0, start - 1) + value.slice(start), caret: start - 1 };
    }
  }
  if (key.startsWith('{') && key.length > 1) return { kind: 'none' };
  const room = field.maxLength >= 0 ? field.maxLength - (value.length - (end - start)) : Infinity;
  const text = key.slice(0, Math.max(0, room));
  if (!text) return { kind: 'none' };
  return { kind: 'edit', value: value.slice(0, start) + text + value.slice(end), caret: start + text.length };
}
