import { R_LOGIN_6_KNOWN_BROWSER_MS } from '../../src-shared/rules.js';
import { accountIdExpr } from './volume-table-accounts.js';
import { DAY_MS, I, pad, spread, type TableFill } from './volume-sql.js';

/** R-LOGIN-6 known browsers, each bound to an account (the n-th browser to account n, round the accounts). */
export const knownBrowsersFill: TableFill = {
  table: 'known_browsers',
  rows: (s) => s.knownBrowsers,
  columns: (c) => {
    const seen = `${c.now} - ${spread(I, 300)} * ${DAY_MS}`;
    return {
      id: `'k' || ${pad(c, I, 8)}`,
      token_hash: `'kb' || ${pad(c, I, 62)}`,
      account_id: accountIdExpr(c, `(1 + (${I} - 1) % ${c.sizes.accounts})`),
      created_at: `${seen} - ${DAY_MS}`,
      last_seen_at: seen,
      expires_at: `${seen} + ${R_LOGIN_6_KNOWN_BROWSER_MS}`,
    };
  },
};
