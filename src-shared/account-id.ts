/**
 * One account per address, whatever way it was typed: full-width letters, upper case and
 * stray spaces all name the same account and the same lock counter (R-LOGIN-1, R-LOGIN-3).
 */
export function normalizeAccountId(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}

/** True when the text holds full-width (全角) characters, so screens can say so at once. */
export function hasFullWidth(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- the range starts at U+0000 on purpose: every Latin-1 character is half-width
  return /[^\u0000-\u00ff\uff61-\uff9f]/.test(text);
}
