import { R_OTP_3_DEVICE_TRUST_MS } from '../../src-shared/rules.js';
import { accountIdExpr } from './volume-table-accounts.js';
import { DAY_MS, I, pad, pick, spread, type TableFill } from './volume-sql.js';

const LABELS = ['Chrome (Windows)', 'Edge (Windows)', 'Safari (iPhone)', 'Chrome (Android)', 'Firefox (Windows)'];

/** R-OTP-3 device trusts ("この端末を信頼する"), made within their 90 days, one per account round the accounts. */
export const deviceTrustsFill: TableFill = {
  table: 'device_trusts',
  rows: (s) => s.deviceTrusts,
  columns: (c) => {
    const created = `${c.now} - ${spread(I, 89)} * ${DAY_MS}`;
    return {
      id: `'d' || ${pad(c, I, 8)}`,
      account_id: accountIdExpr(c, `(1 + (${I} + 7) % ${c.sizes.accounts})`),
      token_hash: `'dt' || ${pad(c, I, 62)}`,
      label: pick(LABELS, I),
      created_at: created,
      expires_at: `${created} + ${R_OTP_3_DEVICE_TRUST_MS}`,
      last_used_at: `${created} + ${DAY_MS}`,
    };
  },
};
