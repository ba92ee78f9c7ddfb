import account from './ja/account.js';
import login from './ja/login.js';
import recovery from './ja/recovery.js';
import site from './ja/site.js';

/**
 * Japanese, the default, one file per group of screens (ja/). Titles, labels, buttons and notes
 * keep the seed's wording exactly (docs/spec/seed-employer-mypage-login.ja.txt). `en.ts` must have
 * the same shape.
 */
const ja = { ...site, ...login, ...recovery, ...account };

export default ja;
export type Catalog = typeof ja;
