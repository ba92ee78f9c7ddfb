import { companySearchKey } from '../../test/support/volume-service.js';
import { DAY_MS, I, pad, pick, spread, lit, type TableFill } from './volume-sql.js';
import { officeIdOf } from './volume-table-offices.js';

/** Company names: a legal form, two words and a place, combined by the row number. */
const FIRST = [
  'さくら',
  'ハロー',
  'みらい',
  'アオバ',
  '富士',
  'ひかり',
  '北斗',
  '中央',
  '太平洋',
  '朝日',
  '大和',
  '日本',
  '東京',
  'やまと',
  'ミドリ',
  '三河',
  '瀬戸内',
  'つばさ',
  'サンライズ',
  '丸山',
] as const;
const SECOND = [
  '建設',
  '商事',
  '物産',
  '製作所',
  '運輸',
  '食品',
  '電機',
  'システム',
  'サービス',
  '工業',
  '不動産',
  '介護',
  '印刷',
  'ホールディングス',
  'ワークス',
  '精密',
  '薬品',
  '観光',
  '農園',
  'テクノ',
  'フーズ',
  '設計',
  '保育',
  '物流',
] as const;
const DOMAINS = ['example.co.jp', 'example.jp', 'example.ne.jp', 'example.or.jp'] as const;

/** The account of row number `k`, its login ID and office: the same values the SQL below makes. */
export const accountIdOf = (k: number) => `a${String(k).padStart(8, '0')}`;
export const loginIdOf = (k: number) => `saiyo${String(k).padStart(7, '0')}@${DOMAINS[k % DOMAINS.length]}`;
export const officeOfAccount = (k: number, offices: number) =>
  officeIdOf(1 + Number((BigInt(k) * 2654435761n) % BigInt(offices)));
/** Words of the company name of row `k` (a search for part of a name uses them). */
export const companyWordsOf = (k: number) => [
  FIRST[Math.floor(k / 3) % FIRST.length],
  SECOND[Math.floor(k / 7) % SECOND.length],
];
/** Every 50th employer has withdrawn; the bench signs in with the others. */
export const isWithdrawn = (k: number) => k % 50 === 0;

/** SQL of the same: the account id and login ID of the integer expression `k`. */
export const accountIdExpr = (c: { d: 'sqlite' | 'postgres' }, k: string) => `'a' || ${pad(c, k, 8)}`;
export const loginIdExpr = (c: { d: 'sqlite' | 'postgres' }, k: string) =>
  `'saiyo' || ${pad(c, k, 7)} || '@' || ${pick(DOMAINS, k)}`;

export const accountsFill: TableFill = {
  table: 'accounts',
  rows: (s) => s.accounts,
  columns: (c) => {
    const words = `${pick(FIRST, `${I} / 3`)} || ${pick(SECOND, `${I} / 7`)}`;
    const created = `${c.now} - ${spread(I, 3000)} * ${DAY_MS}`;
    return {
      id: accountIdExpr(c, I),
      login_id: loginIdExpr(c, I),
      password_hash: lit(c.passwordHash),
      // 求人者検索's key (migration 0011): the legal form goes, each word folds on its own.
      company_search: `${pick(FIRST.map(companySearchKey), `${I} / 3`)} || ${pick(SECOND.map(companySearchKey), `${I} / 7`)}`,
      company: `(case ${I} % 4 when 0 then '株式会社 ' || ${words} when 1 then ${words} || '株式会社' when 2 then '有限会社' || ${words} else ${words} || '(株)' end)`,
      office_id: `'o' || ${pad(c, `1 + ${spread(I, c.sizes.offices)}`, 3)}`,
      status: `(case when ${I} % 50 = 0 then 'withdrawn' else 'active' end)`,
      withdrawn_at: `(case when ${I} % 50 = 0 then ${c.now} - ${spread(I, 300)} * ${DAY_MS} end)`,
      created_at: created,
      updated_at: created,
      password_changed_at: created,
    };
  },
};
