import { R_OTP_1_TTL_MS } from '../../src-shared/rules.js';
import { accountIdExpr } from './volume-table-accounts.js';
import { DAY_MS, I, pad, spread, type FillContext, type TableFill } from './volume-sql.js';

/** A moment of the last 24 h for row `g.i` of `n`. */
const today = (c: FillContext, n: number) =>
  `${c.now} - 1 - (${I} - 1) * ${Math.max(1, Math.floor(DAY_MS / Math.max(1, n)))}`;
const someAccount = (c: FillContext) => accountIdExpr(c, `(1 + ${spread(I, c.sizes.accounts)})`);

/** A day of OTP challenges (R-OTP-1): most consumed, the rest expired. */
export const challengesFill: TableFill = {
  table: 'login_challenges',
  rows: (s) => s.challenges,
  columns: (c) => ({
    id: `'c' || ${pad(c, I, 63)}`,
    account_id: someAccount(c),
    otp_hash: `'h' || ${pad(c, I, 63)}`,
    created_at: today(c, c.sizes.challenges),
    expires_at: `${today(c, c.sizes.challenges)} + ${R_OTP_1_TTL_MS}`,
    consumed_at: `(case when ${I} % 5 = 0 then null else ${today(c, c.sizes.challenges)} + 30000 end)`,
  }),
};

/** A day of web sessions, 8 hours each. */
export const sessionsFill: TableFill = {
  table: 'sessions',
  rows: (s) => s.sessions,
  columns: (c) => ({
    id: `'s' || ${pad(c, I, 8)}`,
    token_hash: `'st' || ${pad(c, I, 62)}`,
    account_id: someAccount(c),
    kind: `'web'`,
    created_at: today(c, c.sizes.sessions),
    last_seen_at: `${today(c, c.sizes.sessions)} + 60000`,
    expires_at: `${today(c, c.sizes.sessions)} + ${8 * 3_600_000}`,
  }),
};

/** A day of budget events (R-OTP-8: OTP mails). */
export const budgetEventsFill: TableFill = {
  table: 'budget_events',
  rows: (s) => s.budgetEvents,
  columns: (c) => ({ subject: someAccount(c), kind: `'otp_mail'`, at: today(c, c.sizes.budgetEvents) }),
};
