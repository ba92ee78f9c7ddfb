import { describe, expect, it } from 'vitest';
import { companySearchKey } from '../../../src-server/accounts/company-search.js';

describe('求人者検索: the normalised company name (issue 18)', () => {
  it.each([
    ['株式会社ハローワーク', 'はろーわーく'],
    ['はろーわーく', 'はろーわーく'],
    ['ﾊﾛｰﾜｰｸ', 'はろーわーく'],
    ['ＨＡＲＯＷＡＲＫ', 'harowark'],
    ['㈱ハローワーク', 'はろーわーく'],
    ['（株）ハローワーク', 'はろーわーく'],
    ['ハローワーク(株)', 'はろーわーく'],
    ['ハロー ワーク', 'はろーわーく'],
    ['ハロー\u3000ワーク', 'はろーわーく'],
    ['株式会社 ハローワークア', 'はろーわーくあ'],
    ['有限会社ﾊﾞｽ', 'ばす'],
    ['㈲バス', 'ばす'],
    ['合同会社 カフェ', 'かふぇ'],
    ['合資会社山田商店', '山田商店'],
    ['合名会社山田', '山田'],
    ['一般社団法人 日本協会', '日本協会'],
    ['一般財団法人日本財団', '日本財団'],
    ['公益社団法人ABC', 'abc'],
    ['公益財団法人ｘｙｚ', 'xyz'],
    ['社会福祉法人 ひかり会', 'ひかり会'],
    ['医療法人 さくら', 'さくら'],
    ['特定非営利活動法人ヴィレッジ', 'ゔぃれっじ'],
    ['NPO法人 ヴィレッジ', 'ゔぃれっじ'],
    ['ＮＰＯ法人ヴィレッジ', 'ゔぃれっじ'],
    ['株式会社', ''],
    ['  ', ''],
  ])('%s → %s', (name, key) => {
    expect(companySearchKey(name)).toBe(key);
  });

  it('a name and every way of typing part of it share the substring the search looks for', () => {
    const stored = companySearchKey('株式会社ハローワーク');
    for (const typed of ['はろーわーく', 'ﾊﾛｰﾜｰｸ', '㈱ハローワーク', 'ハロー ワーク', 'ローワ'])
      expect(stored.includes(companySearchKey(typed)), typed).toBe(true);
  });
});
