import { R_PW_4_MAX_LENGTH, R_PW_4_MIN_LENGTH } from './rules.js';

/**
 * R-PW-4: 8 to 32 characters, half-width digits, letters and symbols combined.
 * Written once: the service enforces it, the screens show it live while a password is typed.
 */
export const passwordViolations = [
  'too_short',
  'too_long',
  'not_half_width',
  'needs_digit',
  'needs_letter',
  'needs_symbol',
] as const;
export type PasswordViolation = (typeof passwordViolations)[number];

const HALF_WIDTH_PRINTABLE = /^[\x21-\x7e]*$/;

export function checkPasswordPolicy(password: string): PasswordViolation[] {
  const found: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < R_PW_4_MIN_LENGTH) found.push('too_short');
  if (length > R_PW_4_MAX_LENGTH) found.push('too_long');
  if (!HALF_WIDTH_PRINTABLE.test(password)) found.push('not_half_width');
  if (!/[0-9]/.test(password)) found.push('needs_digit');
  if (!/[A-Za-z]/.test(password)) found.push('needs_letter');
  if (!/[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(password)) found.push('needs_symbol');
  return found;
}

export const passwordViolationText: Record<PasswordViolation, { ja: string; en: string }> = {
  too_short: {
    ja: `${R_PW_4_MIN_LENGTH}桁以上で入力してください。`,
    en: `Use at least ${R_PW_4_MIN_LENGTH} characters.`,
  },
  too_long: {
    ja: `${R_PW_4_MAX_LENGTH}桁以内で入力してください。`,
    en: `Use at most ${R_PW_4_MAX_LENGTH} characters.`,
  },
  not_half_width: {
    ja: '半角の数字、英字、記号のみ使用できます（全角文字・空白は使用できません）。',
    en: 'Use half-width digits, letters and symbols only (no full-width characters or spaces).',
  },
  needs_digit: { ja: '半角数字を含めてください。', en: 'Include a digit.' },
  needs_letter: { ja: '半角英字を含めてください。', en: 'Include a letter.' },
  needs_symbol: { ja: '半角記号を含めてください。', en: 'Include a symbol.' },
};
