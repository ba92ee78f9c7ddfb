import type { AccountRow } from '../accounts/accounts.repository.js';
import { DECOY_ACCOUNT_ID } from '../accounts/decoy-account.js';
import type { Executor } from '../db/schema.js';

export interface LoginSubject {
  /** The account the ID names; undefined for an unknown ID (the decoy's row was read instead). */
  account: AccountRow | undefined;
  /**
   * The live known-browser marker row of the presented token for that account (R-LOGIN-6): its id,
   * or null when there is none; undefined when no marker was presented (nothing was looked up).
   */
  knownBrowserId: string | null | undefined;
}

/**
 * The first read of a login, in ONE statement: the account an ID names — for an unknown ID the
 * decoy's row (accounts/decoy-account.ts), so both read one account row by its primary key and probe
 * the markers of one account: the same statement, the same rows read (R-LOGIN-3: no enumeration) —
 * and, when the browser presented a marker, whether it is live for that account (the source of the
 * try, R-LOGIN-6), as a scalar subquery instead of a second round trip.
 */
export async function findLoginSubject(
  db: Executor,
  loginId: string,
  markerHash: string | undefined,
  now: number,
): Promise<LoginSubject> {
  const row = await db
    .selectFrom('accounts')
    .selectAll('accounts')
    .select((eb) =>
      eb
        .selectFrom('known_browsers')
        .select('known_browsers.id')
        .whereRef('known_browsers.account_id', '=', 'accounts.id')
        .where('known_browsers.token_hash', '=', markerHash ?? '')
        .where('known_browsers.expires_at', '>', now)
        .limit(1)
        .as('known_browser_id'),
    )
    .where('accounts.id', '=', (eb) =>
      eb.fn.coalesce(
        eb.selectFrom('accounts as named').select('named.id').where('named.login_id', '=', loginId),
        eb.val(DECOY_ACCOUNT_ID),
      ),
    )
    .executeTakeFirst();
  const knownBrowserId = markerHash === undefined ? undefined : (row?.known_browser_id ?? null);
  if (!row || row.id === DECOY_ACCOUNT_ID) return { account: undefined, knownBrowserId };
  const { known_browser_id: _, ...account } = row;
  return { account, knownBrowserId };
}
