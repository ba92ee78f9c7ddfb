import { R_LOGIN_6_KNOWN_BROWSER_MS } from '../../src-shared/rules.js';
import type { Clock } from '../clock.js';
import { randomId, randomToken, sha256 } from '../crypto/tokens.js';
import type { Executor } from '../db/schema.js';
import { knownBrowserTokenExists, upsertKnownBrowser } from './known-browsers.repository.js';

/** What the route needs to set the marker cookie (HttpOnly, 400 days). */
export interface KnownBrowserMarker {
  token: string;
  maxAgeSeconds: number;
}

/**
 * R-LOGIN-6: each successful web sign-in makes (or keeps) this browser known to the account. The
 * browser's marker token is reused when it sent one the service issued (to any account: one
 * browser, one token), else a new random one; only its sha256 is stored. It proves nothing but "this browser signed in to
 * this account before": it only chooses which lock-out counter a wrong password takes.
 */
export async function rememberKnownBrowser(
  trx: Executor,
  clock: Clock,
  accountId: string,
  presented: string | undefined,
  /** The presented token named this account's live marker already (the try's source): no need to ask. */
  { issued = false } = {},
): Promise<KnownBrowserMarker> {
  const now = clock.now().getTime();
  const reuse = presented !== undefined && (issued || (await knownBrowserTokenExists(trx, sha256(presented))));
  const token = reuse ? presented : randomToken();
  await upsertKnownBrowser(trx, {
    id: randomId(),
    tokenHash: sha256(token),
    accountId,
    now,
    expiresAt: now + R_LOGIN_6_KNOWN_BROWSER_MS,
  });
  return { token, maxAgeSeconds: Math.floor(R_LOGIN_6_KNOWN_BROWSER_MS / 1000) };
}
