/**
 * 求人者検索 (issue 18): the form of a company name that the search compares, so a clerk finds
 * 株式会社ハローワーク by typing はろーわーく, ﾊﾛｰﾜｰｸ, ㈱ハローワーク or 'ハロー ワーク'. Stored in
 * `accounts.company_search` (kept by `insertAccount`, filled for old rows by migration 0011) and
 * applied to the query, so both sides are one function. Changing it means refilling the column.
 *
 * 1. NFKC: full-width Latin and digits, half-width katakana (ﾊﾞ → バ) and ㈱ → (株) become one form.
 * 2. Latin lower case; every space (NFKC makes U+3000 a plain space) removed.
 * 3. Katakana folded to hiragana (ヴ → ゔ); ー and the kana without a hiragana twin stay.
 * 4. Legal-entity marks removed wherever they stand: a mark is not what a clerk searches for.
 */

/** The legal-entity marks, after steps 1–2 (so `(株)` covers ㈱, （株） and (株)). Longest first. */
export const legalEntityMarks: readonly string[] = [
  '特定非営利活動法人',
  '一般社団法人',
  '一般財団法人',
  '公益社団法人',
  '公益財団法人',
  '独立行政法人',
  '社会福祉法人',
  '医療法人社団',
  '医療法人財団',
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  '医療法人',
  '学校法人',
  '宗教法人',
  'npo法人',
  '(特非)',
  '(一社)',
  '(一財)',
  '(公社)',
  '(公財)',
  '(株)',
  '(有)',
  '(同)',
  '(資)',
  '(名)',
  '(社)',
  '(財)',
  '(福)',
  '(医)',
  '(学)',
  '(宗)',
  '(独)',
].sort((a, b) => b.length - a.length);

const escaped = legalEntityMarks.map((m) => m.replace(/[()]/g, (c) => `\\${c}`));
const MARKS = new RegExp(escaped.join('|'), 'gu');
const KATAKANA = /[\u30a1-\u30f6]/gu;
const KANA_OFFSET = 0x60;

/** The searchable form of a company name (or of what a clerk typed). Pure; empty when nothing but marks. */
export function companySearchKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, '')
    .replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - KANA_OFFSET))
    .replace(MARKS, '');
}
